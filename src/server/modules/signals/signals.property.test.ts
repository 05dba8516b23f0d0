import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DATA_CATEGORIES } from '../../../contracts/enums.ts';
import { type EscalationRules, SIGNAL_PROMPTS, type SignalDto } from '../../../contracts/signals.ts';
import { decisionRequestArb, GEN_ORGS, tierPolicyArb } from '../access/access.arbitraries.ts';
import { decide, type PersonAccessQuestion } from '../access/index.ts';
import { DEFAULT_ESCALATION_RULES, evaluateEscalation, type SignalFact } from './escalation.ts';
import { visibleTo } from './signals.presenter.ts';

const signalArb = fc.record({
  id: fc.uuid(),
  category: fc.constantFrom(...DATA_CATEGORIES),
  organisationId: fc.constantFrom(...GEN_ORGS),
  prompt: fc.constantFrom(...SIGNAL_PROMPTS),
});

describe('an alert never shows its recipient a signal the recipient may not see', () => {
  it('every signal shown is one the decision function permits the recipient, and every other is withheld', () => {
    fc.assert(
      fc.property(
        decisionRequestArb,
        tierPolicyArb,
        fc.array(signalArb, { maxLength: 12 }),
        (request, tiers, raw) => {
          const q: PersonAccessQuestion = {
            principal: {
              ...request.actor,
              username: 'recipient',
              displayName: 'Recipient',
              via: 'session',
              sessionId: null,
              csrfToken: null,
            },
            personId: request.personId,
            facts: request.facts,
            policy: {
              version: 1,
              tiers,
              breakGlassMinutes: 240,
              breakGlassDailyLimit: 3,
            } as PersonAccessQuestion['policy'],
            at: request.at,
            purpose: request.purpose,
          };
          const signals = raw.map(
            (s): SignalDto => ({
              ...s,
              observation: 'generated',
              observedAt: request.at,
              enteredAt: request.at,
              organisationName: s.organisationId,
              recordedByName: 'someone',
              contactId: null,
            }),
          );
          const visible = visibleTo(q, signals);
          const permitted = (s: SignalDto) =>
            decide(
              {
                actor: request.actor,
                personId: request.personId,
                category: s.category,
                owningOrganisationId: s.organisationId,
                action: 'view',
                purpose: request.purpose,
                at: request.at,
                facts: request.facts,
              },
              tiers,
            ).effect === 'permit';
          for (const s of visible.shown) assert.ok(permitted(s), `shown but not permitted: ${s.category}`);
          const hidden = signals.filter((s) => !permitted(s));
          assert.equal(visible.shown.length, signals.length - hidden.length);
          // Withheld markers cover exactly the categories withheld, and never count more than there are.
          const markerCats = new Set(visible.withheld.map((w) => w.category));
          assert.deepEqual(markerCats, new Set(hidden.map((s) => s.category)));
          for (const w of visible.withheld)
            if (w.count !== null)
              assert.equal(w.count, hidden.filter((s) => s.category === w.category).length);
        },
      ),
      { numRuns: 300 },
    );
  });
});

const DAY_MS = 86_400_000;
const START = Date.parse('2025-03-01T00:00:00Z');

const rulesArb: fc.Arbitrary<EscalationRules> = fc.record({
  risingRisk: fc.record({
    enabled: fc.boolean(),
    windowDays: fc.integer({ min: 1, max: 30 }),
    minAgencies: fc.integer({ min: 2, max: 3 }),
    threshold: fc.integer({ min: 1, max: 8 }),
    weights: fc.constant(DEFAULT_ESCALATION_RULES.risingRisk.weights),
    dueHours: fc.constant(24),
  }),
  clinicalOversight: fc.record({
    enabled: fc.boolean(),
    missedMedicationCount: fc.integer({ min: 1, max: 4 }),
    missedMedicationWindowDays: fc.integer({ min: 1, max: 14 }),
    escalatingBehaviour: fc.boolean(),
    dueHours: fc.constant(4),
  }),
});

const arrivalArb = fc.record({
  prompt: fc.constantFrom(...SIGNAL_PROMPTS),
  organisationId: fc.constantFrom(...GEN_ORGS),
  day: fc.integer({ min: 0, max: 40 }),
  sweepAfter: fc.boolean(),
});

describe('the same signals never raise two alerts', () => {
  it('signals arriving in any order, with sweeps between, are each linked to at most one alert of a kind', () => {
    fc.assert(
      fc.property(rulesArb, fc.array(arrivalArb, { maxLength: 25 }), (rules, arrivals) => {
        // Storage as the repository keeps it: alerts by dedupe key, links unique per (signal, kind).
        const signals: { fact: Omit<SignalFact, 'linkedKinds'>; kinds: Set<string> }[] = [];
        const keys = new Set<string>();
        const links = new Map<string, string>();
        const run = (endAt: string) => {
          const facts = signals.map((s) => ({
            ...s.fact,
            linkedKinds: [...s.kinds] as SignalFact['linkedKinds'],
          }));
          for (const p of evaluateEscalation(rules, facts, endAt)) {
            assert.ok(!keys.has(p.dedupeKey), 'an alert over the same signals was raised again');
            keys.add(p.dedupeKey);
            for (const id of p.signalIds) {
              const link = `${id}|${p.kind}`;
              assert.ok(!links.has(link), 'a signal contributed to two alerts of one kind');
              links.set(link, p.dedupeKey);
              signals.find((s) => s.fact.id === id)?.kinds.add(p.kind);
            }
          }
        };
        arrivals.forEach((a, i) => {
          const observedAt = new Date(START + a.day * DAY_MS + i * 1000).toISOString();
          signals.push({
            fact: { id: `sig-${i}`, prompt: a.prompt, organisationId: a.organisationId, observedAt },
            kinds: new Set(),
          });
          run(observedAt);
          if (a.sweepAfter) run(new Date(START + 41 * DAY_MS).toISOString());
        });
        // Evaluating again over everything raises nothing new.
        const before = keys.size;
        for (let d = 0; d <= 41; d += 1) run(new Date(START + d * DAY_MS + 999_000).toISOString());
        const afterSweep = keys.size;
        for (let d = 0; d <= 41; d += 1) run(new Date(START + d * DAY_MS + 999_000).toISOString());
        assert.equal(keys.size, afterSweep);
        assert.ok(afterSweep >= before);
      }),
      { numRuns: 300 },
    );
  });
});
