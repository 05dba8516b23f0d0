import { useEffect } from 'react';
import { isNotFound } from './api-error.ts';

/** Sets the document title for a route: "<page> – Accord", with "Error: " while a form shows errors. */
export function usePageTitle(title: string, hasErrors = false): void {
  useEffect(() => {
    document.title = `${hasErrors ? 'Error: ' : ''}${title} – Accord`;
  }, [title, hasErrors]);
}

/** The title of a page that loads one thing: its name once loaded, else what the page shows instead. */
export function titleOf<T>(
  query: { data: T | undefined; error: unknown },
  loaded: (data: T) => string,
): string {
  if (query.data !== undefined) return loaded(query.data);
  if (query.error) return isNotFound(query.error) ? 'Page not found' : 'Could not load';
  return 'Loading';
}
