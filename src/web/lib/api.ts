import { ApiError, errorFromResponse } from './api-error.ts';

const BASE = '/api/v1';
let csrfToken: string | null = null;
let onUnauthenticated: () => void = () => {};

/** Remembers the session's CSRF token, sent back on every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Registers what happens when the session has ended (the app returns to sign-in). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

type Query = Record<string, string | number | undefined | null>;

function urlOf(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return `${BASE}${path}${qs ? `?${qs}` : ''}`;
}

async function request<T>(
  method: string,
  path: string,
  options: { query?: Query; body?: unknown } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(urlOf(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Accord could not be reached. Check your connection and try again.');
  }
  if (!response.ok) {
    const error = await errorFromResponse(response);
    if (error.status === 401 && path !== '/auth/login') onUnauthenticated();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** The typed fetch wrapper every feature uses. */
export const api = {
  get: <T>(path: string, query?: Query): Promise<T> => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown): Promise<T> => request<T>('POST', path, { body: body ?? {} }),
  put: <T>(path: string, body: unknown): Promise<T> => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown): Promise<T> => request<T>('PATCH', path, { body }),
};
