/**
 * A Cedar authorizer over the access policy, with the policy set parsed once (benchmark and
 * differential test only).
 */
import { preparsePolicySet, statefulIsAuthorized } from '@cedar-policy/cedar-wasm/nodejs';
import type { DecisionRequest, TierPolicy } from './access.ts';
import { cedarPolicies } from './cedar-policy.ts';
import { type CedarFactScope, type CedarRequest, toCedarRequest } from './cedar-request.ts';

/** Cedar's answer: the effect in Accord's words and the policies that determined it. */
export interface CedarOutcome {
  readonly effect: 'permit' | 'deny';
  readonly determiningPolicies: readonly string[];
}

/** Authorizes requests with Cedar under one tier policy. */
export interface CedarAuthorizer {
  /** Maps and authorizes a request. */
  decide(request: DecisionRequest, scope?: CedarFactScope): CedarOutcome;
  /** Authorizes an already mapped request (to time Cedar alone). */
  authorize(mapped: CedarRequest): CedarOutcome;
}

let nextId = 0;

/** Parses the Cedar policies for a tier policy once and returns an authorizer over them. */
export function createCedarAuthorizer(policy: TierPolicy): CedarAuthorizer {
  const policySetId = `accord-access-${nextId++}`;
  const parsed = preparsePolicySet(policySetId, { staticPolicies: cedarPolicies(policy) });
  if (parsed.type !== 'success') {
    throw new Error(`Cedar policy set did not parse: ${parsed.errors.map((e) => e.message).join('; ')}`);
  }
  const authorize = (mapped: CedarRequest): CedarOutcome => {
    const answer = statefulIsAuthorized({ ...mapped, preparsedPolicySetId: policySetId });
    if (answer.type !== 'success') {
      throw new Error(`Cedar failed: ${answer.errors.map((e) => e.message).join('; ')}`);
    }
    const { decision, diagnostics } = answer.response;
    // An erroring forbid is skipped by Cedar, which would silently permit: treat it as a defect.
    if (diagnostics.errors.length > 0) {
      throw new Error(`Cedar policy error: ${diagnostics.errors.map((e) => e.error.message).join('; ')}`);
    }
    return { effect: decision === 'allow' ? 'permit' : 'deny', determiningPolicies: diagnostics.reason };
  };
  return { authorize, decide: (request, scope = 'all') => authorize(toCedarRequest(request, scope)) };
}
