import type { CopyField } from '../../../contracts/exchange.ts';

/** The recipient's copy: each field's value, or a marker saying what was withheld and why. */
export function CopyView({ fields }: { fields: readonly CopyField[] }) {
  return (
    <dl className="nhsuk-summary-list">
      {fields.map((f) => (
        <div className="nhsuk-summary-list__row" key={f.key} data-field={f.key}>
          <dt className="nhsuk-summary-list__key">{f.label}</dt>
          <dd className="nhsuk-summary-list__value">
            {f.withheld ? (
              <span className="accord-withheld">
                <strong>Withheld: {f.withheld.categoryLabel}.</strong>{' '}
                {f.withheld.reasons.map((r) => r.message).join(' ')}
              </span>
            ) : (
              <span style={{ whiteSpace: 'pre-wrap' }}>{f.value ?? 'Not given'}</span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
