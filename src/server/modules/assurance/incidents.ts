/**
 * IG incident rules that need no storage: the DSPT incident reporting grid (likelihood that
 * individuals' rights are affected times the severity of the effect), when an incident is
 * reportable to the ICO, and the 72-hour clock (UK GDPR Art 33) that then runs from detection.
 */

/** The grade: likelihood (1-5) times severity (1-5). */
export function incidentGrade(likelihood: number, severity: number): number {
  return likelihood * severity;
}

/**
 * Reportable when the effect is at least likely (3) and at least minor (2): the grid's cells where
 * individuals' rights are likely to be at risk. A near miss has not occurred, so it grades below.
 */
export function isReportable(likelihood: number, severity: number): boolean {
  return likelihood >= 3 && severity >= 2;
}

/** Hours the controller has to notify the ICO once aware of a reportable breach. */
export const ICO_NOTIFICATION_HOURS = 72;

/** The ICO notification deadline, or null when the incident is not reportable. */
export function notifyIcoBy(detectedAt: string, likelihood: number, severity: number): string | null {
  if (!isReportable(likelihood, severity)) return null;
  return new Date(Date.parse(detectedAt) + ICO_NOTIFICATION_HOURS * 3_600_000).toISOString();
}

/** The fields an incident must record before it may close. */
export function missingToClose(i: {
  rootCause: string;
  learning: string;
}): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (!i.rootCause.trim())
    out.push({ field: 'rootCause', message: 'must be recorded before the incident closes' });
  if (!i.learning.trim())
    out.push({ field: 'learning', message: 'must be recorded before the incident closes' });
  return out;
}
