import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DATA_CATEGORIES } from '../../../contracts/enums.ts';
import { decisionRequestArb, tierPolicyArb } from './access.arbitraries.ts';
import { DEFAULT_TIER_POLICY, type DecisionRequest, type SharingAgreementFact } from './access.ts';
import { calendarDateOf } from './calendar.ts';
import { decide, recipientOf } from './decide.ts';
import { DENY_REASON_CODES, isReasonCode, PERMIT_REASON_CODES, type ReasonCode } from './reasons.ts';

const RUNS = { numRuns: 400 };
const policy = DEFAULT_TIER_POLICY;
const crosses = (r: DecisionRequest): boolean => r.owningOrganisationId !== recipientOf(r);
const todayOf = (r: DecisionRequest): string => calendarDateOf(r.at) ?? '';
const withFacts = (r: DecisionRequest, facts: Partial<DecisionRequest['facts']>): DecisionRequest => ({
  ...r,
  facts: { ...r.facts, ...facts },
});
const dayBefore = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

const earlierOf = (a: string, b: string): string => (a.localeCompare(b) < 0 ? a : b);

/** Independent statement of rule 4: in force today and covering owner -> recipient, purpose, category. */
function covers(a: SharingAgreementFact, r: DecisionRequest): boolean {
  const today = todayOf(r);
  const inForce =
    a.status === 'active' && a.complete && a.startDate <= today && (a.endDate === null || a.endDate >= today);
  return (
    inForce &&
    a.grants.some(
      (g) =>
        g.fromOrganisationId === r.owningOrganisationId &&
        g.toOrganisationId === recipientOf(r) &&
        g.purpose === r.purpose &&
        g.categories.includes(r.category),
    )
  );
}

describe('decide: properties over generated partnerships', () => {
  it('withdrawn consent never permits routine cross-organisation sharing', () => {
    fc.assert(
      fc.property(decisionRequestArb, (generated) => {
        // Provisions that would otherwise permit: withdrawal must override them all.
        const provisions = [
          ...(generated.facts.consent?.provisions ?? []),
          { id: 'p-routine', kind: 'ROUTINE_COORDINATION' as const, organisationId: null, categories: [] },
          {
            id: 'p-named',
            kind: 'NAMED_PARTNER' as const,
            organisationId: recipientOf(generated),
            categories: [],
          },
        ];
        const consent = { id: 'c', status: 'withdrawn' as const, reviewDue: false, provisions };
        const r = withFacts(generated, { consent });
        const d = decide(r, policy);
        if (d.effect === 'permit' && crosses(r)) {
          assert.ok(d.basis.consentBasis === 'LAWFUL_EXCEPTION' || d.basis.consentBasis === 'BREAK_GLASS');
          assert.ok(d.obligations.some((o) => o.type === 'QUEUE_EXCEPTION_REVIEW'));
        }
        const routine = decide(withFacts(r, { lawfulExceptions: [], breakGlassGrants: [] }), policy);
        if (crosses(r)) assert.equal(routine.effect, 'deny');
      }),
      RUNS,
    );
  });

  it('nothing crosses organisations without an agreement in force covering owner -> recipient', () => {
    const defects = [
      'draft',
      'suspended',
      'incomplete',
      'ended',
      'not-started',
      'reversed',
      'purpose',
      'category',
    ];
    let decisive = 0;
    fc.assert(
      fc.property(decisionRequestArb, fc.constantFrom(...defects), (r, defect) => {
        const d = decide(r, policy);
        if (d.effect === 'permit' && crosses(r)) {
          const relied = r.facts.agreements.find((a) => a.id === d.basis.agreementId);
          assert.ok(relied !== undefined && covers(relied, r), 'a permit names a covering agreement');
        }
        if (!crosses(r)) return;
        // Replace every covering agreement by one that meets all requirements but one.
        const covering: SharingAgreementFact = {
          id: 'covering',
          version: 1,
          status: 'active',
          complete: true,
          startDate: '2000-01-01',
          endDate: null,
          grants: [
            {
              fromOrganisationId: r.owningOrganisationId,
              toOrganisationId: recipientOf(r),
              purpose: r.purpose,
              categories: [r.category],
            },
          ],
        };
        const [grant] = covering.grants;
        assert.ok(grant !== undefined);
        const nearMiss: SharingAgreementFact = {
          ...covering,
          status: defect === 'draft' || defect === 'suspended' ? defect : 'active',
          complete: defect !== 'incomplete',
          startDate: defect === 'not-started' ? '9999-12-31' : covering.startDate,
          endDate: defect === 'ended' ? dayBefore(todayOf(r)) : null,
          grants: [
            {
              fromOrganisationId: defect === 'reversed' ? grant.toOrganisationId : grant.fromOrganisationId,
              toOrganisationId: defect === 'reversed' ? grant.fromOrganisationId : grant.toOrganisationId,
              purpose: defect !== 'purpose' ? r.purpose : r.purpose === 'AUDIT' ? 'SAFEGUARDING' : 'AUDIT',
              categories:
                defect === 'category' ? DATA_CATEGORIES.filter((c) => c !== r.category) : [r.category],
            },
          ],
        };
        const others = r.facts.agreements.filter((a) => !covers(a, r));
        assert.equal(decide(withFacts(r, { agreements: [...others, nearMiss] }), policy).effect, 'deny');
        if (decide(withFacts(r, { agreements: [...others, covering] }), policy).effect === 'permit')
          decisive++;
      }),
      { numRuns: 1500 },
    );
    // Guard against a vacuous pass: the agreement alone must have decided some runs.
    assert.ok(decisive >= 20, `only ${decisive} runs where the agreement alone decided`);
  });

  it('an ended membership never permits without break-glass', () => {
    fc.assert(
      fc.property(decisionRequestArb, (r) => {
        const yesterday = dayBefore(todayOf(r));
        const careTeam = r.facts.careTeam.map((m) => ({
          ...m,
          startDate: earlierOf(m.startDate, yesterday),
          endDate: yesterday,
        }));
        const d = decide(withFacts(r, { careTeam, breakGlassGrants: [] }), policy);
        assert.equal(d.effect, 'deny');
        assert.ok(d.reasons.some((x) => x.code === 'NOT_INVOLVED_IN_CARE'));
      }),
      RUNS,
    );
  });

  it('an expired break-glass grant never permits', () => {
    fc.assert(
      fc.property(decisionRequestArb, fc.integer({ min: 0, max: 86_400_000 }), (r, agoMs) => {
        const expiresAt = new Date(Date.parse(r.at) - agoMs).toISOString();
        const breakGlassGrants = r.facts.breakGlassGrants.map((g) => ({
          ...g,
          staffId: r.actor.staffId,
          grantedAt: new Date(Date.parse(expiresAt) - 3_600_000).toISOString(),
          expiresAt,
        }));
        const d = decide(withFacts(r, { careTeam: [], breakGlassGrants }), policy);
        assert.equal(d.effect, 'deny');
        if (breakGlassGrants.length > 0) assert.ok(d.reasons.some((x) => x.code === 'BREAK_GLASS_EXPIRED'));
      }),
      RUNS,
    );
  });

  it('a commissioner never receives person-level data, whatever the policy says', () => {
    fc.assert(
      fc.property(decisionRequestArb, tierPolicyArb, (r, anyPolicy) => {
        const asCommissioner = {
          ...r,
          actor: { ...r.actor, roles: [...r.actor.roles, 'commissioner' as const] },
        };
        const d = decide(asCommissioner, anyPolicy);
        assert.equal(d.effect, 'deny');
        assert.ok(d.reasons.some((x) => x.code === 'COMMISSIONER_NO_PERSON_DATA'));
        assert.equal(decide({ ...r, purpose: 'COMMISSIONING' }, anyPolicy).effect, 'deny');
      }),
      RUNS,
    );
  });

  it('every decision carries known reasons that match its effect', () => {
    const denyCodes: readonly ReasonCode[] = DENY_REASON_CODES;
    const permitCodes: readonly ReasonCode[] = PERMIT_REASON_CODES;
    fc.assert(
      fc.property(decisionRequestArb, tierPolicyArb, (r, anyPolicy) => {
        for (const d of [decide(r, policy), decide(r, anyPolicy)]) {
          assert.ok(d.reasons.length > 0);
          for (const reason of d.reasons) assert.ok(isReasonCode(reason.code), reason.code);
          const allowed = d.effect === 'deny' ? denyCodes : permitCodes;
          assert.ok(d.reasons.every((x) => allowed.includes(x.code)));
          if (d.effect === 'deny') assert.deepEqual(d.obligations, []);
        }
      }),
      RUNS,
    );
  });

  it('deny wins: an inactive account or a blanket restriction is never outweighed', () => {
    fc.assert(
      fc.property(decisionRequestArb, (r) => {
        assert.equal(decide({ ...r, actor: { ...r.actor, active: false } }, policy).effect, 'deny');
        const consent = r.facts.consent;
        if (consent === null || consent.status !== 'given') return;
        const blanket = { id: 'r', kind: 'RESTRICTION' as const, organisationId: null, categories: [] };
        const restricted = withFacts(r, {
          consent: { ...consent, provisions: [...consent.provisions, blanket] },
          lawfulExceptions: [],
          breakGlassGrants: [],
        });
        if (crosses(r)) assert.equal(decide(restricted, policy).effect, 'deny');
      }),
      RUNS,
    );
  });

  it('is deterministic and does not depend on object identity', () => {
    fc.assert(
      fc.property(decisionRequestArb, (r) => {
        const first = decide(r, policy);
        assert.deepEqual(decide(r, policy), first);
        assert.deepEqual(decide(structuredClone(r), structuredClone(policy)), first);
      }),
      RUNS,
    );
  });
});
