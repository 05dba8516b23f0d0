import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ComplianceReport, DrilldownPage, Figure } from '../../../contracts/compliance.ts';
import type {
  AuditDetail,
  AuditDrawInput,
  AuditList,
  CorrectiveAction,
  CorrectiveActionInput,
  ItemReviewInput,
} from '../../../contracts/sharing-audit.ts';
import { api } from '../../lib/api.ts';

const key = ['sharing-audits'] as const;

/** Agreements the caller's organisation oversees compliance for. */
export function useComplianceAgreements() {
  return useQuery({
    queryKey: ['compliance', 'agreements'],
    queryFn: () =>
      api.get<{ items: { id: string; reference: string; title: string; status: string }[] }>(
        '/assurance/compliance',
      ),
  });
}

/** One agreement's compliance for a quarter. */
export function useComplianceReport(agreementId: string, quarter: string) {
  return useQuery({
    queryKey: ['compliance', agreementId, quarter],
    queryFn: () => api.get<ComplianceReport>(`/assurance/compliance/${agreementId}/${quarter}`),
  });
}

/** The audit entries behind one figure, a page at a time. */
export function useFigureEntries(agreementId: string, quarter: string, figure: Figure) {
  return useInfiniteQuery({
    queryKey: ['compliance', agreementId, quarter, 'entries', figure],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api.get<DrilldownPage>(`/assurance/compliance/${agreementId}/${quarter}/entries`, {
        ...figure,
        limit: 50,
        after: pageParam,
      }),
    getNextPageParam: (last) => last.next,
  });
}

/** The organisation's monthly audits with their results. */
export function useSharingAudits() {
  return useQuery({
    queryKey: [...key, 'list'],
    queryFn: () => api.get<AuditList>('/assurance/sharing-audits'),
  });
}

/** One month's audit. */
export function useSharingAudit(id: string) {
  return useQuery({
    queryKey: [...key, 'one', id],
    queryFn: () => api.get<AuditDetail>(`/assurance/sharing-audits/${id}`),
  });
}

/** The caller's own corrective actions. */
export function useMyCorrectiveActions() {
  return useQuery({
    queryKey: ['corrective-actions'],
    queryFn: () => api.get<{ items: CorrectiveAction[] }>('/assurance/corrective-actions'),
  });
}

/** Drawing, reviewing, raising and closing. */
export function useSharingAuditMutations(auditId?: string) {
  const client = useQueryClient();
  const saved = (detail: AuditDetail) => {
    client.setQueryData([...key, 'one', detail.id], detail);
    return client.invalidateQueries({ queryKey: [...key, 'list'] });
  };
  return {
    draw: useMutation({
      mutationFn: (input: AuditDrawInput) => api.post<AuditDetail>('/assurance/sharing-audits', input),
      onSuccess: saved,
    }),
    review: useMutation({
      mutationFn: ({ itemId, input }: { itemId: string; input: ItemReviewInput }) =>
        api.post<AuditDetail>(`/assurance/sharing-audits/${auditId ?? ''}/items/${itemId}/review`, input),
      onSuccess: saved,
    }),
    raise: useMutation({
      mutationFn: ({ itemId, input }: { itemId: string; input: CorrectiveActionInput }) =>
        api.post<CorrectiveAction>(
          `/assurance/sharing-audits/${auditId ?? ''}/items/${itemId}/actions`,
          input,
        ),
      onSuccess: () => client.invalidateQueries({ queryKey: key }),
    }),
    close: useMutation({
      mutationFn: ({ id, note }: { id: string; note: string }) =>
        api.post<CorrectiveAction>(`/assurance/corrective-actions/${id}/close`, { note }),
      onSuccess: () =>
        Promise.all([
          client.invalidateQueries({ queryKey: ['corrective-actions'] }),
          client.invalidateQueries({ queryKey: key }),
        ]),
    }),
  };
}
