import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Worklist } from '../../../contracts/work.ts';
import { api } from '../../lib/api.ts';

/** A page of the signed-in user's worklist. */
export function useWorklist(after: string | null) {
  return useQuery({
    queryKey: ['work', 'list', after ?? ''],
    queryFn: () => api.get<Worklist>('/worklist', { limit: 25, after }),
    placeholderData: keepPreviousData,
  });
}
