import { ApiError } from '../../lib/api-error.ts';
import type { SummaryError } from '../../lib/form-errors.ts';

/** What a safeguarding form shows after a failed submit: summary lines and inline messages by field path. */
export interface PathErrors {
  summary: SummaryError[];
  fields: Record<string, string>;
}

export const NO_PATH_ERRORS: PathErrors = { summary: [], fields: {} };

/**
 * Server field errors keyed by their path under the body (`s42.unableToProtectSelf`,
 * `protectiveActions.0.dueDate`), each prefixed with its label; the summary links to the field whose
 * id is `${prefix}-${path with dots as dashes}`. Labels are looked up by the full path, then by the
 * path without list indices.
 */
export function pathErrorsFrom(
  error: unknown,
  labels: Readonly<Record<string, string>>,
  prefix: string,
): PathErrors {
  if (!(error instanceof ApiError))
    return { summary: [{ message: 'Something went wrong. Try again.' }], fields: {} };
  const fields: Record<string, string> = {};
  const summary: SummaryError[] = [];
  for (const fe of error.fieldErrors) {
    const path = fe.field.replace(/^body\./, '');
    const generic = path.replace(/\.\d+/g, '');
    const label = labels[path] ?? labels[generic];
    const message = label ? `${label} ${fe.message}` : `${path} ${fe.message}`;
    if (fields[path]) continue;
    fields[path] = message;
    summary.push({ message, fieldId: `${prefix}-${path.replaceAll('.', '-')}` });
  }
  for (const reason of error.reasons) summary.push({ message: reason.message });
  if (summary.length === 0 || error.code !== 'VALIDATION_FAILED') summary.unshift({ message: error.detail });
  return { summary, fields };
}

/** The id of the control for a body path. */
export const fieldId = (prefix: string, path: string): string => `${prefix}-${path.replaceAll('.', '-')}`;

/** Yes and no as radio options. */
export const YES_NO = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
] as const;

/** A yes/no radio value as a boolean, or undefined while unanswered (the server names it). */
export function booleanOf(value: string): boolean | undefined {
  return value === 'yes' ? true : value === 'no' ? false : undefined;
}

/** Text as sent: undefined when left empty, for optional fields. */
export const optional = (value: string): string | undefined => (value.trim() === '' ? undefined : value);
