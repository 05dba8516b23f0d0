import type { EnquiryType } from '../../../contracts/safeguarding.ts';

/** Plain words for enquiry types. */
export const ENQUIRY_TYPE_LABELS: Readonly<Record<EnquiryType, string>> = {
  CONCERN: 'Safeguarding concern',
  S42_ENQUIRY: 'Section 42 enquiry',
  OTHER_ENQUIRY: 'Other safeguarding enquiry',
};

/** Plain words for capacity. */
export const CAPACITY_LABELS: Readonly<Record<string, string>> = {
  HAS_CAPACITY: 'Has capacity to make decisions about this',
  LACKS_CAPACITY: 'Lacks capacity to make decisions about this',
  NOT_YET_ASSESSED: 'Not yet assessed',
};

/** Plain words for the bases of sharing at a case conference. */
export const SHARING_BASIS_LABELS: Readonly<Record<string, string>> = {
  CONSENT: 'The person’s consent',
  DATA_SHARING_AGREEMENT: 'A data sharing agreement',
  SAFEGUARDING_DUTY: 'Safeguarding duty (Care Act s42)',
  VITAL_INTERESTS: 'Vital interests',
  LEGAL_DUTY: 'Legal duty',
};

/** Yes or no. */
export const yesNo = (b: boolean): string => (b ? 'Yes' : 'No');
