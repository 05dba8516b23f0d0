import { useEffect, useRef } from 'react';
import type { SummaryError } from '../lib/form-errors.ts';

/**
 * The NHS.UK error summary: shown above a form after a failed submit, focused so keyboard and
 * screen reader users land on it, with links that move focus to each field at fault.
 */
export function ErrorSummary({ errors }: { errors: readonly SummaryError[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length > 0) ref.current?.focus();
  }, [errors]);
  if (errors.length === 0) return null;
  return (
    <div className="nhsuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="nhsuk-error-summary__heading">There is a problem</h2>
        <div className="nhsuk-error-summary__body">
          <ul className="nhsuk-list nhsuk-error-summary__list">
            {errors.map((e) => (
              <li key={`${e.fieldId ?? ''}${e.message}`}>
                {e.fieldId ? (
                  <a
                    href={`#${e.fieldId}`}
                    onClick={(event) => {
                      const field = document.getElementById(e.fieldId ?? '');
                      if (!field) return;
                      event.preventDefault();
                      field.focus();
                      field.scrollIntoView({ block: 'center' });
                    }}
                  >
                    {e.message}
                  </a>
                ) : (
                  e.message
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
