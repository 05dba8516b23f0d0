import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AT, makeActor, makeFacts, makeMembership, ORG } from '../access/access.factories.ts';
import { DEFAULT_TIER_POLICY } from '../access/access.ts';
import type { Template } from './exchange.ts';
import { type CopyQuestion, computeRecipientCopy } from './recipient-copy.ts';

const template: Template = {
  key: 'WARM_HANDOFF',
  version: 1,
  name: 'Warm handoff',
  slaMinutes: 60,
  createdAt: AT,
  createdBy: null,
  fields: [
    { key: 'risks', label: 'Risks', category: 'RISK_SUMMARY', required: true, help: 'Current risks.' },
    { key: 'plan', label: 'Plan', category: 'CARE_PLAN', required: false, help: 'The plan.' },
  ],
};

const lead = makeActor({ staffId: 'staff-council-1', organisationId: ORG.council, teamIds: [] });
const question: CopyQuestion = {
  sender: makeActor(),
  lead,
  personId: 'person-1',
  recipientOrganisationId: ORG.council,
  purpose: 'DIRECT_CARE',
  at: AT,
  facts: makeFacts({
    // Consent for routine coordination reaches organisations on the care team: both partners are.
    careTeam: [
      makeMembership(),
      makeMembership({ id: 'ctm-c', staffId: 'staff-council-1', organisationId: ORG.council }),
      makeMembership({ id: 'ctm-h', staffId: 'staff-housing-1', organisationId: ORG.housing }),
    ],
  }),
  policy: DEFAULT_TIER_POLICY,
};
const values = { risks: 'Low mood.', plan: 'Weekly visits.' };

describe('the recipient copy decides each field for the organisation whose data it is', () => {
  it('shares the sender’s own data under the sender’s agreement with the recipient', () => {
    const copy = computeRecipientCopy(question, template, values);
    assert.equal(copy.fields.find((f) => f.key === 'risks')?.value, 'Low mood.');
    assert.ok(copy.decisions.every((d) => d.owner === ORG.trust));
  });

  it('withholds a field prefilled from a partner’s entry when that partner has no agreement with the recipient', () => {
    const copy = computeRecipientCopy(question, template, values, { risks: ORG.housing });
    const risks = copy.fields.find((f) => f.key === 'risks');
    assert.equal(risks?.value, null);
    assert.equal(risks?.withheld?.category, 'RISK_SUMMARY');
    assert.ok((risks?.withheld?.reasons.length ?? 0) > 0);
    // The other field, the sender's own, still crosses: the decision is per owner, not per copy.
    assert.equal(copy.fields.find((f) => f.key === 'plan')?.value, 'Weekly visits.');
    const housing = copy.decisions.find((d) => d.owner === ORG.housing);
    assert.equal(housing?.disclosure.effect, 'deny');
  });
});
