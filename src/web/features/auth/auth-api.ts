import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Me } from '../../../contracts/auth.ts';
import { api, setCsrfToken } from '../../lib/api.ts';
import { ME_KEY } from './use-me.ts';

/** Forgets everything the previous session loaded and marks the caller signed out. */
export function clearSession(client: QueryClient): void {
  setCsrfToken(null);
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  client.setQueryData(ME_KEY, null);
}

/** Signs in; on success the caller (with CSRF token) is cached as "me". */
export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { username: string; password: string }) => api.post<Me>('/auth/login', input),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      client.setQueryData(ME_KEY, me);
    },
  });
}

/** Signs out and drops every cached answer, so nothing of the session stays in memory. */
export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/auth/logout'),
    onSettled: () => clearSession(client),
  });
}
