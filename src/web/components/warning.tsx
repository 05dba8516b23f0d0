import type { ReactNode } from 'react';

/** The NHS.UK warning callout: something the reader must know before acting. */
export function WarningCallout({ heading, children }: { heading: string; children: ReactNode }) {
  return (
    <div className="nhsuk-warning-callout">
      <h2 className="nhsuk-warning-callout__label">
        <span className="nhsuk-u-visually-hidden">Important: </span>
        {heading}
      </h2>
      {children}
    </div>
  );
}

/** The NHS.UK inset text: supporting information set apart from the text around it. */
export function Inset({ children }: { children: ReactNode }) {
  return <div className="nhsuk-inset-text">{children}</div>;
}
