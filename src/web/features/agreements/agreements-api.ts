import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Agreement,
  AgreementInput,
  AgreementLifecycle,
  AgreementStatusInput,
  AgreementSummary,
  AgreementUpdate,
  SignOffInput,
} from '../../../contracts/agreements.ts';
import { api } from '../../lib/api.ts';
import type { Page } from '../people/people-api.ts';

const key = ['agreements'] as const;
/** Agreements on one page of the list. */
export const AGREEMENTS_PAGE_SIZE = 20;

/** A page of agreements, filtered by status (as of today) and party organisation. */
export function useAgreements(filter: {
  status?: string | undefined;
  organisationId?: string | undefined;
  page: number;
}) {
  return useQuery({
    queryKey: [...key, 'list', filter],
    queryFn: () =>
      api.get<Page<AgreementSummary>>('/agreements', { ...filter, pageSize: AGREEMENTS_PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
}

/** One agreement's current version, with history and what the caller may do. */
export function useAgreement(id: string) {
  return useQuery({ queryKey: [...key, 'one', id], queryFn: () => api.get<Agreement>(`/agreements/${id}`) });
}

/** Agreement writes; each refreshes the lists and stores the agreement the server returns. */
export function useAgreementMutations(id?: string) {
  const client = useQueryClient();
  const saved = (agreement: Agreement) => {
    client.setQueryData([...key, 'one', agreement.id], agreement);
    return client.invalidateQueries({ queryKey: [...key, 'list'] });
  };
  return {
    create: useMutation({
      mutationFn: (input: AgreementInput) => api.post<Agreement>('/agreements', input),
      onSuccess: saved,
    }),
    update: useMutation({
      mutationFn: (input: AgreementUpdate) => api.put<Agreement>(`/agreements/${id ?? ''}`, input),
      onSuccess: saved,
    }),
    changeStatus: useMutation({
      mutationFn: (input: AgreementStatusInput) =>
        api.post<Agreement>(`/agreements/${id ?? ''}/status`, input),
      onSuccess: saved,
    }),
  };
}

/** An agreement's sign-offs, staff awareness and what activation still needs. */
export function useAgreementLifecycle(id: string) {
  return useQuery({
    queryKey: [...key, 'lifecycle', id],
    queryFn: () => api.get<AgreementLifecycle>(`/agreements/${id}/lifecycle`),
  });
}

/** Sign-off and acknowledgement; each stores the lifecycle the server returns. */
export function useLifecycleMutations(id: string) {
  const client = useQueryClient();
  const saved = (lifecycle: AgreementLifecycle) => {
    client.setQueryData([...key, 'lifecycle', id], lifecycle);
  };
  return {
    signOff: useMutation({
      mutationFn: (input: SignOffInput) => api.post<AgreementLifecycle>(`/agreements/${id}/sign-offs`, input),
      onSuccess: saved,
    }),
    acknowledge: useMutation({
      mutationFn: (expectedVersion: number) =>
        api.post<AgreementLifecycle>(`/agreements/${id}/acknowledge`, { expectedVersion }),
      onSuccess: saved,
    }),
  };
}
