import { describedBy, type FieldProps, FormGroup, HintAndError } from './field-parts.tsx';

/** An NHS.UK textarea with its label, hint and inline error. */
export function Textarea({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  rows = 6,
}: FieldProps & { value: string; onChange: (value: string) => void; rows?: number }) {
  return (
    <FormGroup error={error}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      <HintAndError id={id} hint={hint} error={error} />
      <textarea
        className={`nhsuk-textarea${error ? ' nhsuk-textarea--error' : ''}`}
        id={id}
        name={id}
        rows={rows}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy({ id, label, hint, error })}
        aria-invalid={error ? true : undefined}
      />
    </FormGroup>
  );
}
