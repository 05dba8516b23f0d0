import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  FlowLinkInput,
  IncidentAction,
  IncidentActionInput,
  IncidentReview,
  IncidentReviewInput,
} from '../../../contracts/incident-review.ts';
import { api } from '../../lib/api.ts';

const key = ['incident-review'] as const;

/** An incident's post-incident review, links and actions. */
export function useIncidentReview(id: string) {
  return useQuery({
    queryKey: [...key, id],
    queryFn: () => api.get<IncidentReview>(`/assurance/incidents/${id}/review`),
  });
}

/** The caller's open incident actions. */
export function useMyIncidentActions() {
  return useQuery({
    queryKey: ['incident-actions', 'mine'],
    queryFn: () => api.get<{ items: IncidentAction[] }>('/assurance/incident-actions/mine'),
  });
}

/** Writing the review, linking what was involved, adding and completing actions. */
export function useIncidentReviewMutations(id = '') {
  const client = useQueryClient();
  const set = (review: IncidentReview) => client.setQueryData([...key, id], review);
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: key }),
      client.invalidateQueries({ queryKey: ['incident-actions'] }),
      client.invalidateQueries({ queryKey: ['worklist'] }),
    ]);
  return {
    write: useMutation({
      mutationFn: (input: IncidentReviewInput) =>
        api.put<IncidentReview>(`/assurance/incidents/${id}/review`, input),
      onSuccess: set,
    }),
    link: useMutation({
      mutationFn: (input: FlowLinkInput) =>
        api.post<IncidentReview>(`/assurance/incidents/${id}/links`, input),
      onSuccess: set,
    }),
    addAction: useMutation({
      mutationFn: (input: IncidentActionInput) =>
        api.post<IncidentAction>(`/assurance/incidents/${id}/actions`, input),
      onSuccess: refresh,
    }),
    complete: useMutation({
      mutationFn: ({ actionId, note }: { actionId: string; note: string }) =>
        api.post<IncidentAction>(`/assurance/incident-actions/${actionId}/complete`, { note }),
      onSuccess: refresh,
    }),
  };
}
