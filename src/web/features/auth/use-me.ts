import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import type { Me } from '../../../contracts/auth.ts';
import { api, setCsrfToken } from '../../lib/api.ts';
import { ApiError } from '../../lib/api-error.ts';

/** Query key of the signed-in caller. */
export const ME_KEY = ['me'] as const;

/** Loads the caller, or null when nobody is signed in; remembers the CSRF token for writes. */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** The signed-in caller (null when signed out). */
export function useMe(): UseQueryResult<Me | null> {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000 });
}
