// Ten digits, whether run together or grouped 3-3-4 with spaces, dashes or encoded spaces: the shape of
// an NHS number. Paths carry ids (UUIDs), so a run like this is a value someone typed and is not logged.
const NHS_LIKE = /\d{3}(?:%20|[ -])?\d{3}(?:%20|[ -])?\d{4,}/g;
const MAX_LOGGED = 300;

/** The path of a request URL as it may be logged: no query string, no NHS-number-shaped values, bounded. */
export function loggablePath(url: string): string {
  const path = url.split('?')[0] ?? '';
  const safe = path.replace(NHS_LIKE, '{redacted}');
  return safe.length > MAX_LOGGED ? `${safe.slice(0, MAX_LOGGED)}...` : safe;
}
