import { describedBy, type FieldProps, FormGroup, HintAndError } from './field-parts.tsx';

/** One choice of a select. */
export interface Option {
  value: string;
  label: string;
}

/** An NHS.UK select with its label, hint and inline error; `placeholder` adds an empty first choice. */
export function Select({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  options,
  placeholder,
}: FieldProps & {
  value: string;
  onChange: (value: string) => void;
  options: readonly Option[];
  placeholder?: string;
}) {
  return (
    <FormGroup error={error}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      <HintAndError id={id} hint={hint} error={error} />
      <select
        className={`nhsuk-select${error ? ' nhsuk-select--error' : ''}`}
        id={id}
        name={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy({ id, label, hint, error })}
        aria-invalid={error ? true : undefined}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FormGroup>
  );
}
