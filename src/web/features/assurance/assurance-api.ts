import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AccessReview,
  AccessReviewDetail,
  AnomalySetting,
  AnomalySettingsUpdate,
  CaseCloseInput,
  DetectionRunResult,
  InvestigationCase,
  InvestigationCaseDetail,
  ReviewDecision,
  ReviewEscalateResult,
} from '../../../contracts/assurance.ts';
import { api } from '../../lib/api.ts';
import type { Page } from '../people/people-api.ts';

const keys = {
  cases: ['assurance', 'cases'] as const,
  settings: ['assurance', 'anomaly-settings'] as const,
  reviews: ['assurance', 'access-reviews'] as const,
};

/** A page of investigation cases, filtered by status and rule. */
export function useCases(filter: {
  status?: string | undefined;
  rule?: string | undefined;
  page: number;
  pageSize: number;
}) {
  return useQuery({
    queryKey: [...keys.cases, 'list', filter],
    queryFn: () => api.get<Page<InvestigationCase>>('/assurance/cases', filter),
  });
}

/** One case with its evidence (audit entries). */
export function useCase(id: string) {
  return useQuery({
    queryKey: [...keys.cases, 'one', id],
    queryFn: () => api.get<InvestigationCaseDetail>(`/assurance/cases/${id}`),
  });
}

/** Closes a case with an outcome and notes. */
export function useCloseCase(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CaseCloseInput) =>
      api.post<InvestigationCaseDetail>(`/assurance/cases/${id}/close`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.cases }),
  });
}

/** Runs the anomaly rules over a window of the audit log now. */
export function useRunDetection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (window: { from: string; to: string }) =>
      api.post<DetectionRunResult>('/assurance/anomaly-detection/run', window),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.cases }),
  });
}

/** Every anomaly rule's settings. */
export function useAnomalySettings() {
  return useQuery({
    queryKey: keys.settings,
    queryFn: () => api.get<AnomalySetting[]>('/assurance/anomaly-settings'),
  });
}

/** Changes some rules' settings. */
export function useUpdateAnomalySettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: AnomalySettingsUpdate) =>
      api.put<AnomalySetting[]>('/assurance/anomaly-settings', input),
    onSuccess: (settings) => client.setQueryData(keys.settings, settings),
  });
}

/** A page of access reviews the caller may see, filtered by status. */
export function useAccessReviews(filter: { status?: string | undefined; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...keys.reviews, 'list', filter],
    queryFn: () => api.get<Page<AccessReview>>('/assurance/access-reviews', filter),
  });
}

/** One access review with its items. */
export function useAccessReview(id: string) {
  return useQuery({
    queryKey: [...keys.reviews, 'one', id],
    queryFn: () => api.get<AccessReviewDetail>(`/assurance/access-reviews/${id}`),
  });
}

/** Confirms or revokes one item; the review comes back with its new progress. */
export function useDecideReviewItem(reviewId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, decision }: { itemId: string; decision: ReviewDecision }) =>
      api.post<AccessReviewDetail>(`/assurance/access-reviews/items/${itemId}/decision`, { decision }),
    onSuccess: (review) => {
      client.setQueryData([...keys.reviews, 'one', reviewId], review);
      return client.invalidateQueries({ queryKey: [...keys.reviews, 'list'] });
    },
  });
}

/** Confirms many items of one review at once (all or none). */
export function useConfirmReviewItems(reviewId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (itemIds: readonly string[]) =>
      api.post<AccessReviewDetail>(`/assurance/access-reviews/${reviewId}/confirm`, { itemIds }),
    onSuccess: (review) => {
      client.setQueryData([...keys.reviews, 'one', reviewId], review);
      return client.invalidateQueries({ queryKey: [...keys.reviews, 'list'] });
    },
  });
}

/** Undoes the caller's revocation of an item while its undo window lasts. */
export function useUndoRevocation(reviewId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (itemId: string) =>
      api.post<AccessReviewDetail>(`/assurance/access-reviews/items/${itemId}/undo`),
    onSuccess: (review) => {
      client.setQueryData([...keys.reviews, 'one', reviewId], review);
      return client.invalidateQueries({ queryKey: [...keys.reviews, 'list'] });
    },
  });
}

/** Escalates overdue reviews to the IG lead now (normally a scheduled job). */
export function useEscalateReviews() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<ReviewEscalateResult>('/assurance/access-reviews/escalate'),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.reviews }),
  });
}
