import { describedBy, type FieldProps, FormGroup, HintAndError } from './field-parts.tsx';

/** The three parts of an NHS.UK date input, as typed. */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** Splits YYYY-MM-DD into parts for the form. */
export function partsOf(iso: string): DateParts {
  const [year = '', month = '', day = ''] = iso.split('-');
  return { day: String(Number(day) || ''), month: String(Number(month) || ''), year };
}

/** Joins typed parts into YYYY-MM-DD, or null when they do not make a real date. */
export function isoOf(parts: DateParts): string | null {
  const [d, m, y] = [Number(parts.day), Number(parts.month), Number(parts.year)];
  if (!Number.isInteger(d) || !Number.isInteger(m) || !/^\d{4}$/.test(parts.year.trim())) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

const PARTS = [
  { key: 'day', label: 'Day', width: 2 },
  { key: 'month', label: 'Month', width: 2 },
  { key: 'year', label: 'Year', width: 4 },
] as const;

/** The NHS.UK date input: day, month and year boxes in a fieldset. The day box carries the id. */
export function DateInput(props: FieldProps & { value: DateParts; onChange: (value: DateParts) => void }) {
  const { id, label, hint, error, value, onChange } = props;
  return (
    <FormGroup error={error}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy(props)}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{label}</legend>
        <HintAndError id={id} hint={hint} error={error} />
        <div className="nhsuk-date-input">
          {PARTS.map((part) => {
            const inputId = part.key === 'day' ? id : `${id}-${part.key}`;
            return (
              <div className="nhsuk-date-input__item" key={part.key}>
                <div className="nhsuk-form-group">
                  <label className="nhsuk-label nhsuk-date-input__label" htmlFor={inputId}>
                    {part.label}
                  </label>
                  <input
                    className={`nhsuk-input nhsuk-date-input__input nhsuk-input--width-${part.width}${error ? ' nhsuk-input--error' : ''}`}
                    id={inputId}
                    name={`${id}-${part.key}`}
                    type="text"
                    inputMode="numeric"
                    value={value[part.key]}
                    onChange={(e) => onChange({ ...value, [part.key]: e.target.value })}
                  />
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </FormGroup>
  );
}
