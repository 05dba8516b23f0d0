import { describedBy, type FieldProps, FormGroup, HintAndError } from './field-parts.tsx';
import type { Option } from './select.tsx';

interface GroupProps extends FieldProps {
  options: readonly Option[];
  small?: boolean;
}

function Legend({ label }: { label: string }) {
  return <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{label}</legend>;
}

/**
 * NHS.UK checkboxes in a fieldset; the first box carries the group's id so the error summary can
 * move focus to it.
 */
export function Checkboxes(
  props: GroupProps & { values: readonly string[]; onChange: (values: string[]) => void },
) {
  const { id, label, hint, error, options, values, onChange, small } = props;
  const toggle = (value: string, checked: boolean) =>
    onChange(checked ? [...values, value] : values.filter((v) => v !== value));
  return (
    <FormGroup error={error}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy(props)}>
        <Legend label={label} />
        <HintAndError id={id} hint={hint} error={error} />
        <div className={`nhsuk-checkboxes${small ? ' nhsuk-checkboxes--small' : ''}`}>
          {options.map((o, i) => {
            const inputId = i === 0 ? id : `${id}-${i + 1}`;
            return (
              <div className="nhsuk-checkboxes__item" key={o.value}>
                <input
                  className="nhsuk-checkboxes__input"
                  id={inputId}
                  name={id}
                  type="checkbox"
                  value={o.value}
                  checked={values.includes(o.value)}
                  onChange={(e) => toggle(o.value, e.target.checked)}
                />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={inputId}>
                  {o.label}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </FormGroup>
  );
}

/** NHS.UK radios in a fieldset; the first radio carries the group's id. */
export function Radios(
  props: GroupProps & { value: string; onChange: (value: string) => void; inline?: boolean },
) {
  const { id, label, hint, error, options, value, onChange, small, inline } = props;
  const classes = ['nhsuk-radios', small ? 'nhsuk-radios--small' : '', inline ? 'nhsuk-radios--inline' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <FormGroup error={error}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy(props)}>
        <Legend label={label} />
        <HintAndError id={id} hint={hint} error={error} />
        <div className={classes}>
          {options.map((o, i) => {
            const inputId = i === 0 ? id : `${id}-${i + 1}`;
            return (
              <div className="nhsuk-radios__item" key={o.value}>
                <input
                  className="nhsuk-radios__input"
                  id={inputId}
                  name={id}
                  type="radio"
                  value={o.value}
                  checked={value === o.value}
                  onChange={() => onChange(o.value)}
                />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={inputId}>
                  {o.label}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </FormGroup>
  );
}
