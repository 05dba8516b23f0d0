import { Link, useRouteError } from 'react-router';
import { usePageTitle } from '../lib/use-page-title.ts';

/** Shown when a page fails to render or its code cannot be fetched (for example after a release). */
export function RouteError() {
  const error = useRouteError();
  usePageTitle('Sorry, there is a problem');
  const message = error instanceof Error ? error.message : null;
  return (
    <div className="nhsuk-width-container">
      <main className="nhsuk-main-wrapper" id="maincontent">
        <h1>Sorry, there is a problem with Accord</h1>
        <p>Try reloading the page. If Accord was updated while you were using it, reloading fixes this.</p>
        {message ? <p className="nhsuk-body-s">Details: {message}</p> : null}
        <p>
          <Link to="/">Go to the start</Link>
        </p>
      </main>
    </div>
  );
}
