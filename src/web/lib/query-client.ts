import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-error.ts';

/** One query client for the app: no retries for answers the server meant (4xx), a short stale time. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
      },
      mutations: { retry: false },
    },
  });
}
