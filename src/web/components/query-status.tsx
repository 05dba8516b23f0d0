import { isNotFound } from '../lib/api-error.ts';
import { NotFoundContent } from './not-found-content.tsx';

/** Shown while a page's data loads; announced politely to screen readers. */
export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p className="nhsuk-body accord-loading" role="status">
      {what}…
    </p>
  );
}

/**
 * Shown when a page's data could not be loaded. A 404 reads as "page not found": the server
 * answers the same for "does not exist" and "not yours to know", and so does the page.
 */
export function QueryError({ error }: { error: unknown }) {
  if (isNotFound(error)) return <NotFoundContent />;
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  return (
    <div className="nhsuk-card nhsuk-card--warning">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading">This could not be loaded</h2>
        <p className="nhsuk-card__description">{message}</p>
      </div>
    </div>
  );
}
