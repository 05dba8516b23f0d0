import { DATA_CATEGORY_LABELS } from '../../../contracts/enums.ts';
import type { WithheldMarker } from '../../../contracts/signals.ts';
import { Inset } from '../../components/warning.tsx';

/** Says what was withheld from the caller and why, in the words the server gave. */
export function WithheldMarkers({ markers, noun }: { markers: readonly WithheldMarker[]; noun: string }) {
  if (markers.length === 0) return null;
  return (
    <Inset>
      <p>Some {noun} are not shown to you:</p>
      <ul>
        {markers.map((m) => (
          <li key={m.category}>
            {DATA_CATEGORY_LABELS[m.category]}
            {m.count === null ? '' : ` (${m.count})`}:{' '}
            {m.reasons.map((r) => r.message).join(' ') || 'withheld.'}
          </li>
        ))}
      </ul>
    </Inset>
  );
}
