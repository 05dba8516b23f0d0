import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RoleGrant } from '../../../contracts/authority.ts';
import type {
  Organisation,
  OrganisationInput,
  Staff,
  StaffInput,
  StaffUpdate,
  Team,
  TeamInput,
  TrainingInput,
} from '../../../contracts/directory.ts';
import type { GovernanceRole } from '../../../contracts/enums.ts';
import { api } from '../../lib/api.ts';
import type { Page } from '../people/people-api.ts';

/** The largest page the API serves; used to fill drop-down lists. */
export const ALL = 100;
export const ADMIN_PAGE_SIZE = 25;

const keys = {
  organisations: ['directory', 'organisations'] as const,
  teams: ['directory', 'teams'] as const,
  staff: ['directory', 'staff'] as const,
};

/** A page of organisations, by name. */
export function useOrganisations(page = 1, pageSize = ALL) {
  return useQuery({
    queryKey: [...keys.organisations, 'list', page, pageSize],
    queryFn: () => api.get<Page<Organisation>>('/organisations', { page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

/** One organisation with its governance roles. */
export function useOrganisation(id: string) {
  return useQuery({
    queryKey: [...keys.organisations, 'one', id],
    queryFn: () => api.get<Organisation>(`/organisations/${id}`),
  });
}

/** A page of teams, optionally of one organisation. */
export function useTeams(filter: { organisationId?: string | undefined; page?: number; pageSize?: number }) {
  const { organisationId, page = 1, pageSize = ALL } = filter;
  return useQuery({
    queryKey: [...keys.teams, 'list', organisationId ?? '', page, pageSize],
    queryFn: () => api.get<Page<Team>>('/teams', { organisationId, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

/** A page of staff, searched by name or username, optionally of one organisation. */
export function useStaffList(
  filter: { q?: string; organisationId?: string | undefined; page?: number; pageSize?: number },
  enabled = true,
) {
  const { q = '', organisationId, page = 1, pageSize = ADMIN_PAGE_SIZE } = filter;
  return useQuery({
    queryKey: [...keys.staff, 'list', q, organisationId ?? '', page, pageSize],
    queryFn: () => api.get<Page<Staff>>('/staff', { q, organisationId, page, pageSize }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One staff account. */
export function useStaff(id: string) {
  return useQuery({ queryKey: [...keys.staff, 'one', id], queryFn: () => api.get<Staff>(`/staff/${id}`) });
}

/** Administration writes; each refreshes the lists it changes. */
export function useDirectoryMutations() {
  const client = useQueryClient();
  const refresh = (key: readonly string[]) => () => client.invalidateQueries({ queryKey: key });
  return {
    createOrganisation: useMutation({
      mutationFn: (input: OrganisationInput) => api.post<Organisation>('/organisations', input),
      onSuccess: refresh(keys.organisations),
    }),
    updateOrganisation: useMutation({
      mutationFn: ({ id, ...input }: OrganisationInput & { id: string }) =>
        api.put<Organisation>(`/organisations/${id}`, input),
      onSuccess: refresh(keys.organisations),
    }),
    assignGovernance: useMutation({
      mutationFn: ({ id, role, staffId }: { id: string; role: GovernanceRole; staffId: string }) =>
        api.put<Organisation>(`/organisations/${id}/governance`, { role, staffId }),
      onSuccess: refresh(keys.organisations),
    }),
    createTeam: useMutation({
      mutationFn: (input: TeamInput) => api.post<Team>('/teams', input),
      onSuccess: refresh(keys.teams),
    }),
    createStaff: useMutation({
      mutationFn: (input: StaffInput) => api.post<Staff>('/staff', input),
      onSuccess: refresh(keys.staff),
    }),
    updateStaff: useMutation({
      mutationFn: ({ id, ...input }: StaffUpdate & { id: string }) => api.patch<Staff>(`/staff/${id}`, input),
      onSuccess: refresh(keys.staff),
    }),
    unlockStaff: useMutation({
      mutationFn: (id: string) => api.post<Staff>(`/staff/${id}/unlock`, {}),
      onSuccess: refresh(keys.staff),
    }),
    addTraining: useMutation({
      mutationFn: ({ id, ...input }: TrainingInput & { id: string }) =>
        api.post<Staff>(`/staff/${id}/training`, input),
      onSuccess: refresh(keys.staff),
    }),
  };
}

/** Role requests of the caller's organisation waiting for a second person, with whether the caller may approve each. */
export function useRoleGrants() {
  return useQuery({
    queryKey: ['directory', 'role-grants'],
    queryFn: () => api.get<{ items: RoleGrant[] }>('/role-grants'),
  });
}

/** The second person approves a waiting role; the staff list and the requests are refetched. */
export function useApproveRoleGrant() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<RoleGrant>(`/role-grants/${id}/approve`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['directory'] }),
  });
}
