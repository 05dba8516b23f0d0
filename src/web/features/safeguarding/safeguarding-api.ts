import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CaseConferenceInput,
  ConcernInput,
  HuddleList,
  HuddleReviewInput,
  ProtectiveAction,
  SafeguardingView,
} from '../../../contracts/safeguarding.ts';
import { api } from '../../lib/api.ts';

const keys = {
  view: (personId: string) => ['people', 'person', personId, 'safeguarding'] as const,
  huddle: (after: string) => ['safeguarding', 'huddle', after] as const,
};

/** A person's safeguarding as the server decided the caller may see it. */
export function useSafeguarding(personId: string) {
  return useQuery({
    queryKey: keys.view(personId),
    queryFn: () => api.get<SafeguardingView>(`/people/${personId}/safeguarding`),
  });
}

/** The organisation's active concerns for the huddle, a page at a time. */
export function useHuddle(after: string) {
  return useQuery({
    queryKey: keys.huddle(after),
    queryFn: () => api.get<HuddleList>('/safeguarding/huddle', after ? { after, limit: 25 } : { limit: 25 }),
  });
}

function useSafeguardingWrite<T, R>(personId: string, fn: (input: T) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['people', 'person', personId] });
      await client.invalidateQueries({ queryKey: ['safeguarding'] });
      await client.invalidateQueries({ queryKey: ['worklist'] });
    },
  });
}

/** Records a concern. */
export function useRecordConcern(personId: string) {
  return useSafeguardingWrite(personId, (input: ConcernInput) =>
    api.post<{ id: string }>(`/people/${personId}/safeguarding/concerns`, input),
  );
}

/** Records a huddle's review of a concern. */
export function useRecordHuddleReview(personId: string, concernId: string) {
  return useSafeguardingWrite(personId, (input: HuddleReviewInput) =>
    api.post<{ id: string }>(`/people/${personId}/safeguarding/concerns/${concernId}/huddle-reviews`, input),
  );
}

/** Records a case conference. */
export function useRecordConference(personId: string) {
  return useSafeguardingWrite(personId, (input: CaseConferenceInput) =>
    api.post<{ id: string }>(`/people/${personId}/case-conferences`, input),
  );
}

/** Closes a protective action the caller owns. */
export function useCompleteAction(personId: string) {
  return useSafeguardingWrite(personId, ({ actionId, outcome }: { actionId: string; outcome: string }) =>
    api.post<ProtectiveAction>(`/people/${personId}/safeguarding/actions/${actionId}/complete`, { outcome }),
  );
}
