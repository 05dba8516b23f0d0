import type { FieldError } from '../../contracts/errors.ts';
import { ApiError } from './api-error.ts';

/** One line of an error summary: the message and, when it belongs to a field, that field's id. */
export interface SummaryError {
  message: string;
  fieldId?: string;
}

/** What a form shows after a failed submit. */
export interface FormErrors {
  summary: SummaryError[];
  /** Inline messages keyed by form field name. */
  fields: Record<string, string>;
}

export const NO_ERRORS: FormErrors = { summary: [], fields: {} };

/**
 * The form field a server error names: `body.teamIds.2` -> `teamIds`, `body.expiresOn` -> `expiresOn`.
 * Query and path errors have no field on the form.
 */
function fieldKey(error: FieldError): string | null {
  const [part, name] = error.field.split('.');
  return part === 'body' && name ? name : null;
}

/**
 * Turns a failed submit into error-summary lines and inline messages. Server messages are phrases
 * ("must not be empty"), so they are prefixed with the field's label; the server's detail leads the
 * summary when no field explains the problem. `labels` lists the fields in form order, which is the
 * order the summary follows.
 */
export function formErrorsFrom(
  error: unknown,
  labels: Readonly<Record<string, string>>,
  idPrefix: string,
): FormErrors {
  if (!(error instanceof ApiError))
    return { summary: [{ message: 'Something went wrong. Try again.' }], fields: {} };
  const fields: Record<string, string> = {};
  const summary: SummaryError[] = [];
  for (const fe of error.fieldErrors) {
    const key = fieldKey(fe);
    const label = key ? labels[key] : undefined;
    if (key && label) {
      const message = `${label} ${fe.message}`;
      if (!fields[key]) {
        fields[key] = message;
        summary.push({ message, fieldId: `${idPrefix}-${key}` });
      }
    } else {
      summary.push({ message: `${fe.field.replace(/^body\./, '')} ${fe.message}` });
    }
  }
  // A refused change says why, in the authority's own words, one line per reason.
  for (const reason of error.reasons) summary.push({ message: reason.message });
  const order = Object.keys(labels).map((key) => `${idPrefix}-${key}`);
  const rank = (e: SummaryError) => (e.fieldId ? order.indexOf(e.fieldId) : order.length);
  summary.sort((a, b) => rank(a) - rank(b));
  if (summary.length === 0 || error.code !== 'VALIDATION_FAILED') summary.unshift({ message: error.detail });
  return { summary, fields };
}
