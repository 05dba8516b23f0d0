import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReportDto, ReviewDto, ReviewInput } from '../../../contracts/reporting.ts';
import { api } from '../../lib/api.ts';

const keys = {
  reviews: (personId: string) => ['people', 'person', personId, 'reviews'] as const,
  report: (q: ReportParams) => ['reporting', 'report', q] as const,
};

/** A person's care-plan reviews the caller may see. */
export function useReviews(personId: string) {
  return useQuery({
    queryKey: keys.reviews(personId),
    queryFn: async () => (await api.get<{ items: ReviewDto[] }>(`/people/${personId}/reviews`)).items,
  });
}

/** Records a review with its scores. */
export function useRecordReview(personId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ReviewInput) => api.post<ReviewDto>(`/people/${personId}/reviews`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.reviews(personId) }),
  });
}

/** Which figures a dashboard asks for. */
export interface ReportParams {
  from: string;
  to: string;
  organisationId?: string;
}

/** The commissioner dataset, suppressed. */
export function useReport(params: ReportParams) {
  return useQuery({
    queryKey: keys.report(params),
    queryFn: () =>
      api.get<ReportDto>('/reporting/dataset', {
        from: params.from,
        to: params.to,
        ...(params.organisationId ? { organisationId: params.organisationId } : {}),
      }),
  });
}
