import type { ReactNode } from 'react';

/** Props every form control shares: a label, an optional hint and an optional error message. */
export interface FieldProps {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
}

/** The ids a control's aria-describedby lists: its hint and its error, when present. */
export function describedBy(props: FieldProps): string | undefined {
  const ids = [props.hint ? `${props.id}-hint` : null, props.error ? `${props.id}-error` : null].filter(
    Boolean,
  );
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** The hint and inline error message shown between a label and its control. */
export function HintAndError({ id, hint, error }: Pick<FieldProps, 'id' | 'hint' | 'error'>) {
  return (
    <>
      {hint ? (
        <div className="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <span className="nhsuk-error-message" id={`${id}-error`}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      ) : null}
    </>
  );
}

/** The form group wrapper, marked when it holds an error. */
export function FormGroup({ error, children }: { error?: string | undefined; children: ReactNode }) {
  return <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>{children}</div>;
}
