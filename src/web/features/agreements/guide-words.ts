import type { AcknowledgementState } from '../../../contracts/sharing-guide.ts';
import type { TagColour } from '../../components/tag.tsx';

/** Where an acknowledgement stands, in words and colour. */
export const ACKNOWLEDGEMENT_WORDS: Readonly<Record<AcknowledgementState, [string, TagColour]>> = {
  current: ['Acknowledged', 'green'],
  lapsed: ['Acknowledgement lapsed', 'red'],
  changed: ['Guide changed since you acknowledged it', 'orange'],
  missing: ['Not yet acknowledged', 'red'],
};
