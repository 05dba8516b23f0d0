import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  accessPolicySchema,
  BreakGlassGrant,
  ExplainInput,
  explanationSchema,
  PolicyPreview,
  tierPolicySchema,
} from '../../../contracts/access.ts';
import type { SettingsProposal } from '../../../contracts/authority.ts';
import { api } from '../../lib/api.ts';

/** The tier policy in force, with its version. */
export type AccessPolicy = z.infer<typeof accessPolicySchema>;
/** A tier policy as an IG lead saves it. */
export type TierPolicyInput = z.infer<typeof tierPolicySchema>;
/** The answer of "explain access". */
export type Explanation = z.infer<typeof explanationSchema>;

const keys = {
  grants: ['access', 'break-glass'] as const,
  policy: ['access', 'policy'] as const,
};

/** The caller's break-glass grants, newest first. */
export function useBreakGlassGrants() {
  return useQuery({ queryKey: keys.grants, queryFn: () => api.get<BreakGlassGrant[]>('/break-glass') });
}

/** Opens a crisis summary by NHS number, after the duty worker says why. */
export function useGrantBreakGlass() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { nhsNumber: string; reason: string }) =>
      api.post<BreakGlassGrant>('/break-glass', input),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.grants }),
  });
}

/** Ends one of the caller's grants early; the person's page is refetched (and then withheld). */
export function useEndBreakGlass() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (grantId: string) => api.post<BreakGlassGrant>(`/break-glass/${grantId}/end`),
    onSuccess: (grant) => {
      client.removeQueries({ queryKey: ['people', 'person', grant.personId] });
      return client.invalidateQueries({ queryKey: keys.grants });
    },
  });
}

/** Asks the decision function what a staff member could do with a person's information, and why. */
export function useExplain() {
  return useMutation({
    mutationFn: (input: ExplainInput) => api.post<Explanation>('/access/explain', input),
  });
}

/** The tier policy: which roles may see which categories, and how long break-glass lasts. */
export function useAccessPolicy() {
  return useQuery({ queryKey: keys.policy, queryFn: () => api.get<AccessPolicy>('/access/policy') });
}

/** Replaces the tier policy (IG leads). */
export function useUpdateAccessPolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TierPolicyInput) => api.put<AccessPolicy>('/access/policy', input),
    onSuccess: (policy) => client.setQueryData(keys.policy, policy),
  });
}

/** What a draft policy would have done to the last 30 days' decisions, replayed by the server. */
export function usePolicyPreview(draft: TierPolicyInput | null) {
  return useQuery({
    queryKey: ['access', 'policy-preview', JSON.stringify(draft)],
    queryFn: () => api.post<PolicyPreview>('/access/policy/preview', draft),
    enabled: draft !== null,
  });
}

/** Proposes a policy to the parties' IG leads, who approve it before it applies. */
export function useProposeAccessPolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TierPolicyInput) =>
      api.post<SettingsProposal>('/settings-proposals', { setting: 'access_policy', accessPolicy: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['access'] }),
  });
}
