import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ConsentCaptureInput,
  ConsentDecisionInput,
  ConsentPreview,
  ConsentPreviewInput,
  ConsentReviewCompleteInput,
  ConsentReviewTaskDto,
  ConsentView,
  ExceptionReviewCloseInput,
  ExceptionReviewDto,
  LawfulExceptionDto,
  LawfulExceptionInput,
} from '../../../contracts/consent.ts';
import { api } from '../../lib/api.ts';
import type { Page } from '../people/people-api.ts';

/** Under the person's key, so anything that refreshes the person refreshes their consent too. */
const consentKey = (personId: string) => ['people', 'person', personId, 'consent'] as const;
const reviewsKey = ['consent', 'reviews'] as const;
const exceptionReviewsKey = ['consent', 'exception-reviews'] as const;

/** A person's consent: status, what it means, history, open reviews and lawful exceptions. */
export function useConsent(personId: string) {
  return useQuery({
    queryKey: consentKey(personId),
    queryFn: () => api.get<ConsentView>(`/people/${personId}/consent`),
  });
}

/** What the provisions being entered would mean, computed by the server with deny-wins. */
export function useConsentPreview(personId: string) {
  return useMutation({
    mutationFn: (input: ConsentPreviewInput) =>
      api.post<ConsentPreview>(`/people/${personId}/consent/preview`, input),
  });
}

/** Consent writes for one person; each refreshes the person (their record depends on it). */
export function useConsentMutations(personId: string) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ['people', 'person', personId] });
  const decision = (what: 'withdraw' | 'refuse') => ({
    mutationFn: (input: ConsentDecisionInput) =>
      api.post<ConsentView>(`/people/${personId}/consent/${what}`, input),
    onSuccess: refresh,
  });
  return {
    capture: useMutation({
      mutationFn: (input: ConsentCaptureInput) => api.post<ConsentView>(`/people/${personId}/consent`, input),
      onSuccess: refresh,
    }),
    withdraw: useMutation(decision('withdraw')),
    refuse: useMutation(decision('refuse')),
    raiseReview: useMutation({
      mutationFn: (trigger: string) =>
        api.post<ConsentReviewTaskDto>(`/people/${personId}/consent/review-triggers`, { trigger }),
      onSuccess: refresh,
    }),
    recordException: useMutation({
      mutationFn: (input: LawfulExceptionInput) =>
        api.post<LawfulExceptionDto>(`/people/${personId}/lawful-exceptions`, input),
      onSuccess: refresh,
    }),
  };
}

/** Consent reviews assigned to the caller. */
export function useMyConsentReviews() {
  return useQuery({
    queryKey: reviewsKey,
    queryFn: () => api.get<ConsentReviewTaskDto[]>('/consent-reviews', { mine: 'true' }),
  });
}

/** Completes a consent review: confirmed unchanged, or changed. */
export function useCompleteConsentReview() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: ConsentReviewCompleteInput & { id: string }) =>
      api.post<ConsentReviewTaskDto>(`/consent-reviews/${id}/complete`, input),
    onSuccess: (task) =>
      Promise.all([
        client.invalidateQueries({ queryKey: reviewsKey }),
        client.invalidateQueries({ queryKey: consentKey(task.personId) }),
      ]),
  });
}

/** The IG lead's exception review queue: break-glass and lawful exceptions. */
export function useExceptionReviews(filter: {
  status?: string;
  kind?: string;
  page: number;
  pageSize: number;
}) {
  return useQuery({
    queryKey: [...exceptionReviewsKey, filter],
    queryFn: () => api.get<Page<ExceptionReviewDto>>('/exception-reviews', filter),
  });
}

/** Closes an exception review with the IG lead's finding. */
export function useCloseExceptionReview() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: ExceptionReviewCloseInput & { id: string }) =>
      api.post<ExceptionReviewDto>(`/exception-reviews/${id}/close`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: exceptionReviewsKey }),
  });
}
