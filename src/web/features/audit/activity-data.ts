import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { auditActivitySchema } from '../../../contracts/audit.ts';
import { api } from '../../lib/api.ts';
import type { AuditFilter } from './audit-api.ts';

/** Entries of one UK day with one outcome. */
export interface DailyCount {
  day: string;
  outcome: string;
  count: number;
}

/** Counts of every matching entry per UK day and outcome, computed by the server from the log itself. */
export function useActivity(filter: AuditFilter) {
  return useQuery({
    queryKey: ['audit', 'activity', filter],
    queryFn: () => api.get<z.infer<typeof auditActivitySchema>>('/audit/activity', { ...filter }),
  });
}
