import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StaffRole } from '../../../contracts/enums.ts';
import type { CaseConferenceInput } from '../../../contracts/safeguarding.ts';
import type { ServiceContext } from '../../service-context.ts';
import { AT, makeActor, makeFacts, makeMembership, ORG } from '../access/access.factories.ts';
import { DEFAULT_TIER_POLICY, type PersonAccessQuestion, type TierPolicy } from '../access/index.ts';
import type { Principal } from '../auth/auth.ts';
import { conferenceDisclosures } from './case-conference.service.ts';
import { editDecision, notesDecision } from './safeguarding.ts';

function question(
  roles: StaffRole[],
  safeguardingTrained: boolean,
  tiers: TierPolicy = DEFAULT_TIER_POLICY,
): PersonAccessQuestion {
  const actor = makeActor({ roles, safeguardingTrained });
  const principal = {
    ...actor,
    username: 'u',
    displayName: 'U',
    via: 'session',
    sessionId: null,
    csrfToken: null,
  } as Principal;
  return {
    principal,
    personId: 'person-1',
    facts: makeFacts({ careTeam: [makeMembership({ role: 'SUPPORT_WORKER' })] }),
    policy: { version: 1, tiers, breakGlassMinutes: 240, breakGlassDailyLimit: 3 },
    at: AT,
    purpose: 'SAFEGUARDING',
  };
}

const codes = (d: { reasons: readonly { code: string }[] }) => d.reasons.map((r) => r.code).sort();

describe('who reads and who changes safeguarding notes', () => {
  it('a frontline worker on the care team may neither read nor change them', () => {
    const q = question(['frontline'], true);
    assert.equal(notesDecision(q, ORG.trust).effect, 'deny');
    assert.equal(editDecision(q).effect, 'deny');
    assert.ok(codes(editDecision(q)).includes('RESTRICTED_CATEGORY_ROLE'));
  });

  it('a trained safeguarding lead on the care team may read and change them', () => {
    const q = question(['safeguarding_lead'], true);
    assert.equal(notesDecision(q, ORG.trust).effect, 'permit');
    assert.equal(editDecision(q).effect, 'permit');
  });

  it('an untrained safeguarding lead may read but not change them', () => {
    const q = question(['safeguarding_lead'], false);
    assert.equal(notesDecision(q, ORG.trust).effect, 'permit');
    assert.deepEqual(codes(editDecision(q)), ['RESTRICTED_EDIT_REQUIRES_TRAINING']);
  });

  it('managers edit where the partnership’s policy designates them, and only when trained', () => {
    const tiers: TierPolicy = {
      tiers: {
        ...DEFAULT_TIER_POLICY.tiers,
        service_manager: [...DEFAULT_TIER_POLICY.tiers.service_manager, 'SAFEGUARDING'],
      },
      restricted: {
        SAFEGUARDING: {
          viewRoles: ['safeguarding_lead', 'service_manager'],
          editRequiresSafeguardingTraining: true,
        },
      },
    };
    assert.equal(editDecision(question(['service_manager'], true, tiers)).effect, 'permit');
    assert.equal(editDecision(question(['service_manager'], false, tiers)).effect, 'deny');
    assert.equal(
      editDecision(question(['service_manager'], true)).effect,
      'deny',
      'not under the default policy',
    );
  });
});

describe('case conference disclosures', () => {
  it('records one disclosure per item shared and organisation that heard it, never to the sharer', () => {
    const ctx = {
      principal: { staffId: 's', organisationId: ORG.trust, roles: ['safeguarding_lead'] },
    } as unknown as ServiceContext;
    const input = {
      heldOn: '2025-06-15',
      attendees: [
        { name: 'A', organisationId: ORG.trust, role: 'Chair' },
        { name: 'B', organisationId: ORG.council, role: 'Social worker' },
        { name: 'C', organisationId: ORG.council, role: 'Manager' },
      ],
      personViews: 'v',
      shared: [
        {
          categories: ['SAFEGUARDING'],
          organisationId: ORG.trust,
          basis: 'SAFEGUARDING_DUTY',
          rationale: 'r',
        },
        { categories: ['CARE_PLAN'], organisationId: ORG.council, basis: 'CONSENT', rationale: 'r' },
      ],
      decisions: ['d'],
      actions: [],
    } satisfies CaseConferenceInput;
    const events = conferenceDisclosures(ctx, 'person-1', 'conf-1', input);
    assert.deepEqual(
      events.map((e) => [
        e.ownerOrganisationId,
        e.recipientOrganisationId,
        e.categories?.join(),
        e.details?.basis,
      ]),
      [
        [ORG.trust, ORG.council, 'SAFEGUARDING', 'SAFEGUARDING_DUTY'],
        [ORG.council, ORG.trust, 'CARE_PLAN', 'CONSENT'],
      ],
    );
    assert.ok(events.every((e) => e.action === 'case_conference.disclose' && e.purpose === 'SAFEGUARDING'));
  });
});
