import type { ReactNode } from 'react';

/** One row of a summary list. */
export interface SummaryRow {
  key: string;
  value: ReactNode;
}

/** The NHS.UK summary list: key-value pairs, for a record's fields. Empty values read "Not recorded". */
export function SummaryList({ rows, noBorder }: { rows: readonly SummaryRow[]; noBorder?: boolean }) {
  return (
    <dl className={`nhsuk-summary-list${noBorder ? ' nhsuk-summary-list--no-border' : ''}`}>
      {rows.map((row) => (
        <div className="nhsuk-summary-list__row" key={row.key}>
          <dt className="nhsuk-summary-list__key">{row.key}</dt>
          <dd className="nhsuk-summary-list__value">
            {row.value === null || row.value === undefined || row.value === '' ? (
              <span className="accord-muted">Not recorded</span>
            ) : (
              row.value
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
