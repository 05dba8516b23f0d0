import { Link } from 'react-router';

/** The body of a "page not found": the same words whether the thing is absent or not the reader's to see. */
export function NotFoundContent() {
  return (
    <>
      <h1>Page not found</h1>
      <p>If you typed the web address, check it is correct.</p>
      <p>If you pasted the web address, check you copied the entire address.</p>
      <p>
        If you followed a link to a person, they may not be on your caseload, or you may no longer be part of
        their care team.
      </p>
      <p>
        <Link to="/">Go to your caseload</Link>
      </p>
    </>
  );
}
