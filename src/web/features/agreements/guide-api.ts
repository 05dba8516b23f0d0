import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { StaffRole } from '../../../contracts/enums.ts';
import type {
  AcknowledgementState,
  GuideAcknowledgeInput,
  Scenario,
  ScenarioInput,
  SharingGuide,
  Situation,
} from '../../../contracts/sharing-guide.ts';
import { api } from '../../lib/api.ts';

const key = ['guides'] as const;

/** The caller's own guides, one per role they share under. */
export function useMyGuides() {
  return useQuery({
    queryKey: [...key, 'mine'],
    queryFn: () => api.get<{ items: SharingGuide[] }>('/guides/mine'),
  });
}

/** One situation's guidance versions at the caller's organisation, newest first. */
export function useScenarioVersions(situation: Situation) {
  return useQuery({
    queryKey: [...key, 'scenario', situation],
    queryFn: () => api.get<{ items: Scenario[] }>(`/guides/scenarios/${situation}`),
  });
}

/** A member of staff's standing on their guide. */
export interface GuideStanding {
  staffId: string;
  displayName: string;
  role: StaffRole;
  acknowledgement: { state: AcknowledgementState; acknowledgedAt: string | null; lapsesOn: string | null };
}

/** Where the caller's organisation's staff stand on their guides. */
export function useGuideStandings() {
  return useQuery({
    queryKey: [...key, 'standings'],
    queryFn: () => api.get<{ items: GuideStanding[] }>('/guides/standings'),
  });
}

/** Acknowledging a guide and writing scenario guidance. */
export function useGuideMutations() {
  const client = useQueryClient();
  const changed = () => client.invalidateQueries({ queryKey: key });
  return {
    acknowledge: useMutation({
      mutationFn: (input: GuideAcknowledgeInput) => api.post<SharingGuide>('/guides/mine/acknowledge', input),
      onSuccess: async () => {
        await changed();
        await client.invalidateQueries({ queryKey: ['worklist'] });
      },
    }),
    writeScenario: useMutation({
      mutationFn: ({ situation, input }: { situation: Situation; input: ScenarioInput }) =>
        api.put<Scenario>(`/guides/scenarios/${situation}`, input),
      onSuccess: changed,
    }),
  };
}

/** One organisation's guide for one role, for IG leads and service managers answering questions. */
export function useGuide(organisationId: string, role: StaffRole | '') {
  return useQuery({
    queryKey: [...key, 'one', organisationId, role],
    queryFn: () => api.get<SharingGuide>('/guides', { organisationId, role }),
    enabled: organisationId !== '' && role !== '',
  });
}
