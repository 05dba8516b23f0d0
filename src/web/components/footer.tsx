/** The NHS.UK footer. */
export function Footer() {
  return (
    <footer className="nhsuk-footer">
      <div className="nhsuk-width-container">
        <div className="nhsuk-footer__meta">
          <h2 className="nhsuk-u-visually-hidden">About Accord</h2>
          <p className="nhsuk-body-s">
            Accord records every access to a person’s information, with the reason it was allowed. Use it only
            for the care of the people you support.
          </p>
          <p className="nhsuk-body-s">© Accord partnership</p>
        </div>
      </div>
    </footer>
  );
}
