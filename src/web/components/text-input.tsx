import type { InputHTMLAttributes } from 'react';
import { describedBy, type FieldProps, FormGroup, HintAndError } from './field-parts.tsx';

type InputProps = FieldProps & {
  value: string;
  onChange: (value: string) => void;
  width?: 2 | 3 | 4 | 5 | 10 | 20 | 30;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'width'>;

/** An NHS.UK text input with its label, hint and inline error. */
export function TextInput({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  width,
  className,
  ...rest
}: InputProps) {
  const classes = [
    'nhsuk-input',
    width ? `nhsuk-input--width-${width}` : '',
    error ? 'nhsuk-input--error' : '',
    className ?? '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <FormGroup error={error}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      <HintAndError id={id} hint={hint} error={error} />
      <input
        {...rest}
        className={classes}
        id={id}
        name={rest.name ?? id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy({ id, label, hint, error })}
        aria-invalid={error ? true : undefined}
      />
    </FormGroup>
  );
}
