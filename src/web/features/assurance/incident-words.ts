import type { IncidentKind } from '../../../contracts/incidents.ts';

export const INCIDENT_KIND_LABELS: Readonly<Record<IncidentKind, string>> = {
  BREACH: 'Breach',
  MIS_SHARING: 'Mis-sharing',
  NEAR_MISS: 'Near miss',
  LOST_OR_MISDIRECTED_TRANSFER: 'Lost or misdirected transfer',
};

/** DSPT likelihood that individuals' rights are affected. */
export const LIKELIHOOD_LABELS = [
  'Not occurred',
  'Not likely',
  'Likely',
  'Highly likely',
  'Occurred',
] as const;
/** DSPT severity of the effect on individuals. */
export const SEVERITY_LABELS = [
  'No adverse effect',
  'Potentially minor',
  'Potentially some',
  'Potentially pain and suffering or financial loss',
  'Death or catastrophic',
] as const;
