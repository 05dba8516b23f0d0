import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DataCategory } from '../../../contracts/enums.ts';
import type {
  CareTeamInput,
  Caseload,
  EntryAmend,
  EntryInput,
  PersonDetail,
  PersonHeader,
  PersonSummary,
} from '../../../contracts/people.ts';
import { api } from '../../lib/api.ts';

/** A page of a list, as every list endpoint returns it. */
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/** One version of a record entry. */
export interface EntryVersion {
  version: number;
  title: string;
  body: string;
  authorName: string;
  recordedAt: string;
  amendmentReason: string | null;
}

export const CASELOAD_PAGE_SIZE = 25;

/** The caseload's filters, as the page's URL holds them (empty: not filtered). */
export interface CaseloadFilters {
  q: string;
  show: string;
  consent: string;
  review: string;
}

/** The caller's caseload, searched by name or NHS number and filtered. */
export function useCaseload(filters: CaseloadFilters, page: number) {
  return useQuery({
    queryKey: ['people', 'caseload', filters, page],
    queryFn: () => api.get<Caseload>('/people', { ...filters, page, pageSize: CASELOAD_PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
}

const personKey = (id: string) => ['people', 'person', id] as const;

/** A person's page as the server decided the caller may see it. */
export function usePerson(id: string) {
  return useQuery({ queryKey: personKey(id), queryFn: () => api.get<PersonDetail>(`/people/${id}`) });
}

/**
 * The header of one person to name in a list: a header read, never a record read, so naming
 * people writes list entries to the log and nothing about their record. Empty when the caller may
 * not know them.
 */
export function usePersonHeader(id: string) {
  return useQuery({
    queryKey: ['person-header', id],
    queryFn: async () =>
      (await api.get<{ items: PersonHeader[] }>(`/people/headers?ids=${encodeURIComponent(id)}`)).items[0] ??
      null,
    staleTime: 5 * 60_000,
  });
}

/** Every version of one entry. */
export function useEntryVersions(personId: string, entryId: string) {
  return useQuery({
    queryKey: [...personKey(personId), 'entry', entryId, 'versions'],
    queryFn: () => api.get<EntryVersion[]>(`/people/${personId}/entries/${entryId}/versions`),
  });
}

/** Writes to one person's record; each refreshes the person afterwards. */
export function usePersonMutations(personId: string) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: personKey(personId) });
  return {
    addEntry: useMutation({
      mutationFn: (input: EntryInput) => api.post<{ id: string }>(`/people/${personId}/entries`, input),
      onSuccess: refresh,
    }),
    amendEntry: useMutation({
      mutationFn: ({ entryId, ...input }: EntryAmend & { entryId: string }) =>
        api.put<{ id: string; version: number }>(`/people/${personId}/entries/${entryId}`, input),
      onSuccess: refresh,
    }),
    addMember: useMutation({
      mutationFn: (input: CareTeamInput) => api.post<PersonDetail>(`/people/${personId}/care-team`, input),
      onSuccess: refresh,
    }),
    endMember: useMutation({
      mutationFn: ({ membershipId, endDate }: { membershipId: string; endDate: string }) =>
        api.post<void>(`/people/${personId}/care-team/${membershipId}/end`, { endDate }),
      onSuccess: refresh,
    }),
  };
}

/** The category a new entry may take, checked against what the server granted. */
export function grantedCategory(person: PersonDetail, wanted: string | null): DataCategory | '' {
  return person.can.addEntry.find((c) => c === wanted) ?? '';
}

/** The caller's caseload as choices (the API's largest page), for forms that pick a person. */
export function useCaseloadOptions(enabled = true) {
  return useQuery({
    queryKey: ['people', 'caseload', 'options'],
    queryFn: () => api.get<Page<PersonSummary>>('/people', { page: 1, pageSize: 100 }),
    enabled,
  });
}
