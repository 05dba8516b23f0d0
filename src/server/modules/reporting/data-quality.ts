/**
 * The monthly data-quality audit's rules, with no I/O: how the sample is drawn from a seed, and
 * what each check finds wrong in one sampled pathway episode and the records about it.
 */
import { randomBytes } from 'node:crypto';
import { type DqCheck, OUTCOME_MEASURES, type OutcomeMeasure } from '../../../contracts/reporting.ts';

/** How many episodes a month's audit samples unless asked for another number. */
export const DEFAULT_SAMPLE_SIZE = 30;

/** The fewest episodes an audit may sample: a smaller sample says too little about the month. */
export const MIN_SAMPLE_SIZE = 20;

/** Days the owner of a finding has to put it right, before the next month's re-audit. */
export const CORRECTION_DAYS = 14;

/**
 * A new audit's seed, from the CSPRNG when the month is first drawn and stored with the audit: no
 * one can know beforehand which episodes will be checked (and tidy just those), and the stored
 * seed replays the draw over the same records.
 */
export function newSeed(): string {
  return randomBytes(8).toString('hex');
}

/** The sample of episode ids: drawn as the information-sharing audit draws its disclosures. */
export { drawSample } from '../assurance/sharing-audit.ts';

/** The records one check looks at for a sampled episode. */
export interface EpisodeFacts {
  readonly episode: { id: string; personId: string; stage: string; openedAt: string };
  readonly moves: readonly { version: number; toStage: string; movedAt: string }[];
  readonly contacts: readonly { outcome: string; occurredAt: string }[];
  readonly reviews: readonly { id: string; dueOn: string; heldOn: string | null }[];
  readonly scores: readonly {
    reviewId: string;
    measure: string;
    item: number;
    snomedCode: string;
    score: number;
    scoredOn: string;
  }[];
}

/** One thing found wrong, with the record to correct and what to do. */
export interface Finding {
  readonly check: DqCheck;
  readonly recordType: 'pathway_episode' | 'care_plan_review';
  readonly recordId: string;
  readonly action: string;
}

const IN_CARE = new Set(['ACTIVE', 'REVIEW', 'STEP_DOWN']);

/** Every finding for one sampled episode, judged as at `asOf` (a date, YYYY-MM-DD). */
export function checkEpisode(f: EpisodeFacts, asOf: string): Finding[] {
  const out: Finding[] = [];
  const ep = f.episode;
  const last = [...f.moves].sort((a, b) => a.version - b.version).at(-1);
  if (!last || last.toStage !== ep.stage)
    out.push({
      check: 'STAGE_NOT_EVIDENCED',
      recordType: 'pathway_episode',
      recordId: ep.id,
      action: `Record the stage move that led to ${ep.stage}, or correct the stage to ${last?.toStage ?? 'the one held'}.`,
    });
  if (
    IN_CARE.has(ep.stage) &&
    !f.contacts.some((c) => c.outcome === 'ATTENDED' && c.occurredAt >= ep.openedAt)
  )
    out.push({
      check: 'STAGE_WITHOUT_CONTACT',
      recordType: 'pathway_episode',
      recordId: ep.id,
      action: `Record the attended contacts behind stage ${ep.stage}, or correct the stage.`,
    });
  if (IN_CARE.has(ep.stage)) {
    const upcoming = f.reviews.some((r) => r.heldOn === null && r.dueOn >= asOf);
    if (!upcoming && !f.reviews.some((r) => r.heldOn === null))
      out.push({
        check: 'REVIEW_DATE_MISSING',
        recordType: 'pathway_episode',
        recordId: ep.id,
        action: 'Set the date of the next care-plan review.',
      });
  }
  for (const r of f.reviews)
    if (r.heldOn === null && r.dueOn < asOf)
      out.push({
        check: 'REVIEW_DATE_PAST',
        recordType: 'care_plan_review',
        recordId: r.id,
        action: `Hold the review due ${r.dueOn} and record it, or record that it was held.`,
      });
  for (const r of f.reviews) {
    const scores = f.scores.filter((s) => s.reviewId === r.id);
    const range = scores.some((s) => {
      const m = OUTCOME_MEASURES[s.measure as OutcomeMeasure];
      return !m || s.score < m.min || s.score > m.max;
    });
    if (range)
      out.push({
        check: 'SCORE_OUT_OF_RANGE',
        recordType: 'care_plan_review',
        recordId: r.id,
        action: 'Correct the outcome score outside its measure’s valid range.',
      });
    const sequence = scores.some((s) => r.heldOn === null || s.scoredOn !== r.heldOn || s.scoredOn > asOf);
    if (sequence)
      out.push({
        check: 'SCORE_OUT_OF_SEQUENCE',
        recordType: 'care_plan_review',
        recordId: r.id,
        action: 'Date the scores to the day the review was held.',
      });
    const coding = scores.some((s) => {
      const m = OUTCOME_MEASURES[s.measure as OutcomeMeasure];
      return !m || m.codes[s.item - 1] !== s.snomedCode;
    });
    if (coding || (r.heldOn !== null && r.heldOn <= asOf && scores.length === 0))
      out.push({
        check: 'CODING_MISSING',
        recordType: 'care_plan_review',
        recordId: r.id,
        action: 'Record the review’s coded outcome measure (SNOMED CT coded scores).',
      });
  }
  return out;
}

/** Whether a finding is still there: the same check on the same record. */
export function stillPresent(findings: readonly Finding[], check: string, recordId: string): boolean {
  return findings.some((f) => f.check === check && f.recordId === recordId);
}
