import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DqAuditDto, DqAuditInput, DqAuditSummary, DqFinding } from '../../../contracts/reporting.ts';
import { api } from '../../lib/api.ts';

const keys = {
  audits: ['reporting', 'data-quality'] as const,
  audit: (id: string) => ['reporting', 'data-quality', id] as const,
  finding: (id: string) => ['reporting', 'data-quality', 'finding', id] as const,
};

/** The organisation's data-quality audits, oldest first. */
export function useDqAudits() {
  return useQuery({
    queryKey: keys.audits,
    queryFn: async () => (await api.get<{ items: DqAuditSummary[] }>('/reporting/data-quality/audits')).items,
  });
}

/** One audit with its sample and findings. */
export function useDqAudit(id: string) {
  return useQuery({
    queryKey: keys.audit(id),
    queryFn: () => api.get<DqAuditDto>(`/reporting/data-quality/audits/${id}`),
  });
}

/** Runs a month's audit. */
export function useRunDqAudit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: DqAuditInput) => api.post<DqAuditDto>('/reporting/data-quality/audits', input),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.audits }),
  });
}

/** One finding, for its owner or the IG lead. */
export function useDqFinding(id: string) {
  return useQuery({
    queryKey: keys.finding(id),
    queryFn: () => api.get<DqFinding>(`/reporting/data-quality/findings/${id}`),
  });
}

/** The owner records the correction. */
export function useCorrectFinding(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api.post<{ id: string; status: 'corrected' }>(`/reporting/data-quality/findings/${id}/correction`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['reporting', 'data-quality'] }),
  });
}
