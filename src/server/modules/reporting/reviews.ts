/**
 * Care-plan reviews and the coded outcome scores recorded at them: pure rules. A score is
 * coded from its measure and item (the SNOMED CT `CodedAssToolType` MHSDS expects), and a
 * score outside the measure's valid range is refused, naming the field.
 */
import type { FieldError } from '../../../contracts/errors.ts';
import { OUTCOME_MEASURES, type OutcomeMeasure, type ReviewInput } from '../../../contracts/reporting.ts';

/** A score ready to store: coded, in range. */
export interface CodedScore {
  readonly measure: OutcomeMeasure;
  readonly item: number;
  readonly snomedCode: string;
  readonly score: number;
}

/** The SNOMED CT code of a measure's item (1-based), or undefined for an item the measure lacks. */
export function snomedCodeOf(measure: OutcomeMeasure, item: number): string | undefined {
  return OUTCOME_MEASURES[measure].codes[item - 1];
}

/** True when a score lies in its measure's valid range. */
export function inRange(measure: OutcomeMeasure, score: number): boolean {
  const m = OUTCOME_MEASURES[measure];
  return Number.isInteger(score) && score >= m.min && score <= m.max;
}

/**
 * Checks a review as entered: scores only at a review that was held, each item known to its
 * measure and recorded once, each score in range, the held date not before the review was
 * planned to be possible (no later than today). Returns the problems, each naming its field.
 */
export function reviewProblems(input: ReviewInput, today: string): FieldError[] {
  const problems: FieldError[] = [];
  if (input.heldOn !== undefined && input.heldOn > today)
    problems.push({ field: 'body.heldOn', message: 'must not be in the future' });
  if (input.heldOn === undefined && input.scores.length > 0)
    problems.push({ field: 'body.heldOn', message: 'is required when scores are recorded' });
  const seen = new Set<string>();
  input.scores.forEach((s, i) => {
    const m = OUTCOME_MEASURES[s.measure];
    if (snomedCodeOf(s.measure, s.item) === undefined)
      problems.push({
        field: `body.scores.${i}.item`,
        message: `must be 1 to ${m.codes.length} for ${m.label}`,
      });
    if (!inRange(s.measure, s.score))
      problems.push({
        field: `body.scores.${i}.score`,
        message: `must be ${m.min} to ${m.max} for ${m.label}`,
      });
    const key = `${s.measure}:${s.item}`;
    if (seen.has(key)) problems.push({ field: `body.scores.${i}.item`, message: 'is recorded twice' });
    seen.add(key);
  });
  return problems;
}

/** The scores coded for storage (call after `reviewProblems` found none). */
export function codeScores(input: ReviewInput): CodedScore[] {
  return input.scores.flatMap((s) => {
    const snomedCode = snomedCodeOf(s.measure, s.item);
    return snomedCode === undefined ? [] : [{ ...s, snomedCode }];
  });
}

/** A measure's total for one review: the sum of its item scores. */
export function totalOf(scores: readonly { score: number }[]): number {
  return scores.reduce((sum, s) => sum + s.score, 0);
}

/** Whether a change from a first to a latest total is an improvement, no change, or worse. */
export function changeOf(
  measure: OutcomeMeasure,
  first: number,
  latest: number,
): 'IMPROVED' | 'NO_CHANGE' | 'WORSE' {
  if (first === latest) return 'NO_CHANGE';
  const up = latest > first;
  return up === (OUTCOME_MEASURES[measure].better === 'higher') ? 'IMPROVED' : 'WORSE';
}
