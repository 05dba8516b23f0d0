/**
 * The demo DPIAs: one signed off by the trust's DPO whose measures are all in place but one (it
 * relies on the draft agreement being active), and one awaiting sign-off whose review is due.
 */
import type { Db } from '../db/database.ts';
import { findCurrentAgreements } from '../modules/agreements/agreements.repository.ts';
import { daysBefore } from './demo-dates.ts';
import { demoId, organisationId, staffId } from './demo-ids.ts';

/** Inserts the demo DPIAs; returns how many. */
export async function seedDemoDpias(db: Db, today: number): Promise<number> {
  const trust = organisationId('trust');
  const agreements = await findCurrentAgreements(db);
  const withTrust = agreements.filter((a) => a.current.parties.some((p) => p.organisationId === trust));
  const active = withTrust.find((a) => a.current.status === 'active');
  const draft = agreements.find((a) => a.current.status === 'draft');
  if (!active || !draft) return 0;
  const author = staffId('ig.priya');
  const risks = [
    {
      description: 'Housing support workers see diagnoses they do not need for tenancy support.',
      likelihood: 'POSSIBLE',
      severity: 'SEVERE',
    },
    {
      description: 'Unusual reading of crisis plans goes unnoticed.',
      likelihood: 'REMOTE',
      severity: 'SIGNIFICANT',
    },
    {
      description: 'The pilot extension shares before its terms are agreed.',
      likelihood: 'POSSIBLE',
      severity: 'SIGNIFICANT',
    },
  ];
  const mitigations = [
    {
      risk: 0,
      measure: 'Frontline tiers never include diagnoses.',
      effect: 'REDUCED',
      residual: 'LOW',
      control: { type: 'TIER_EXCLUDES_CATEGORY', params: { role: 'frontline', category: 'DIAGNOSIS' } },
    },
    {
      risk: 1,
      measure: 'Volume spikes in reading are investigated by the IG lead.',
      effect: 'REDUCED',
      residual: 'LOW',
      control: { type: 'ANOMALY_RULE_ENABLED', params: { rule: 'VOLUME_SPIKE' } },
    },
    {
      risk: 0,
      measure: 'Sharing happens only under the active agreement.',
      effect: 'REDUCED',
      residual: 'LOW',
      control: { type: 'AGREEMENT_ACTIVE', params: { agreementId: active.id } },
    },
    {
      risk: 2,
      measure: 'The extension starts only once its agreement is active.',
      effect: 'REDUCED',
      residual: 'MEDIUM',
      control: { type: 'AGREEMENT_ACTIVE', params: { agreementId: draft.id } },
    },
  ];
  const created = daysBefore(today, 90);
  const base = {
    organisation_id: trust,
    need: 'Special category data about people in crisis shared at scale with a new type of partner.',
    consultation: 'The service user and carer forum and the housing provider’s tenancy team were consulted.',
    necessity:
      'Direct care under Article 6(1)(e) and 9(2)(h); only the crisis plan, risk summary and contacts are shared; a paper referral was considered and rejected as slower and less secure.',
    created_by: author,
    created_at: `${created}T09:00:00.000Z`,
  };
  await db
    .insertInto('dpias')
    .values([
      {
        ...base,
        id: demoId('dpia:crisis-plans-housing'),
        agreement_id: active.id,
        title: 'Crisis plans shared with housing support',
        description:
          'Crisis plans and risk summaries flow from the trust to housing support workers on the care team.',
        risks: JSON.stringify(risks),
        mitigations: JSON.stringify(mitigations),
        review_date: daysBefore(today, -275),
        signed_off_by: author,
        dpo_advice: 'The measures are proportionate; the extension must wait for its agreement.',
        advice_accepted: 1,
        signed_off_at: `${daysBefore(today, 85)}T15:00:00.000Z`,
      },
      {
        ...base,
        id: demoId('dpia:crisis-sanctuary-medication'),
        agreement_id: null,
        title: 'Medication shared with the crisis sanctuary',
        description:
          'Current medication flows from the trust to crisis sanctuary duty staff during a crisis.',
        risks: JSON.stringify(risks.slice(0, 2)),
        mitigations: JSON.stringify(mitigations.slice(0, 2)),
        review_date: daysBefore(today, -14),
        signed_off_by: null,
        dpo_advice: null,
        advice_accepted: null,
        signed_off_at: null,
      },
    ])
    .execute();
  return 2;
}
