import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeEachEngine } from '../../../test/harness/engines.ts';
import type { DataCategory, Purpose, StaffRole } from '../../contracts/enums.ts';
import {
  DEFAULT_TIER_POLICY,
  type Decision,
  decide,
  type SharingAgreementFact,
} from '../modules/access/index.ts';
import { activationGaps } from '../modules/agreements/agreement-lifecycle.service.ts';
import { reviewState } from '../modules/agreements/agreement-review.ts';
import { findCurrentAgreements } from '../modules/agreements/agreements.repository.ts';
import type { ControlLink } from '../modules/agreements/dpia.ts';
import { measureControls } from '../modules/agreements/dpia-controls.ts';
import { loadAgreementFacts } from '../modules/agreements/index.ts';
import { organisationId } from './demo-ids.ts';
import { loadDemo } from './load-demo.ts';

const NOW = new Date('2028-02-29T10:15:00Z');
const TODAY = '2028-02-29';
const trust = organisationId('trust');
const housing = organisationId('housing');

describeEachEngine('demo agreements', (database) => {
  let seeded = 0;
  let facts: SharingAgreementFact[] = [];

  before(async () => {
    // loadDemo seeds the agreements itself; counting them checks it did so once.
    await loadDemo(database(), { password: 'demo', people: 3, today: NOW });
    seeded = Number(
      (
        await database()
          .db.selectFrom('agreements')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    facts = await loadAgreementFacts(database().db, TODAY);
  });

  const inForce = () => facts.filter((f) => f.status === 'active' && f.complete);
  /** A member of staff at `organisation` on the person's care team, with consent for routine sharing. */
  const read = (
    organisation: string,
    roles: StaffRole[],
    category: DataCategory,
    purpose: Purpose,
  ): Decision =>
    decide(
      {
        actor: {
          staffId: 'reader',
          organisationId: organisation,
          teamIds: [],
          roles,
          active: true,
          igTrainingExpiresOn: '2028-12-31',
          safeguardingTrained: true,
        },
        personId: 'person',
        category,
        owningOrganisationId: trust,
        action: 'view',
        purpose,
        at: NOW.toISOString(),
        facts: {
          careTeam: [
            {
              id: 'm',
              staffId: 'reader',
              teamId: null,
              organisationId: organisation,
              role: 'SUPPORT_WORKER',
              startDate: '2027-01-01',
              endDate: null,
            },
          ],
          agreements: facts,
          consent: {
            id: 'c',
            status: 'given',
            reviewDue: false,
            provisions: [{ id: 'p', kind: 'ROUTINE_COORDINATION', organisationId: null, categories: [] }],
          },
          lawfulExceptions: [],
          breakGlassGrants: [],
        },
      },
      DEFAULT_TIER_POLICY,
    );

  it('seeds three agreements in force, one draft and one terminated', async () => {
    assert.equal(seeded, 5);
    assert.equal(facts.length, 5);
    assert.equal(inForce().length, 3);
    const byStatus = (s: string) => facts.filter((f) => f.status === s);
    assert.equal(byStatus('draft').length, 1);
    assert.equal(byStatus('draft')[0]?.complete, false);
    const terminated = byStatus('terminated');
    assert.equal(terminated.length, 1);
    assert.ok((terminated[0]?.endDate ?? '9999') < TODAY);
    for (const f of inForce()) assert.ok(f.startDate <= TODAY && (f.endDate === null || f.endDate >= TODAY));
  });

  it('shows each active agreement signed off by every party with its staff aware, and the draft part-signed', async () => {
    const db = database().db;
    for (const record of await findCurrentAgreements(db)) {
      const gaps = (await activationGaps(db, record.current, TODAY)).map((g) => g.path);
      if (record.current.status === 'active') assert.deepEqual(gaps, [], record.reference);
      if (record.current.status === 'draft') {
        const parties = record.current.parties.map((p) => p.organisationId);
        assert.ok(!gaps.includes(`signOffs.${parties[0]}.LEGAL`), 'the first party has signed the law');
        assert.ok(gaps.includes(`signOffs.${parties[0]}.OPERATIONAL`));
        assert.ok(gaps.includes(`signOffs.${parties[1]}.LEGAL`));
      }
    }
  });

  it('shows one agreement with its review due and one overdue', async () => {
    const states = (await findCurrentAgreements(database().db)).map((r) => reviewState(r.current, TODAY));
    assert.deepEqual(
      ['due', 'overdue'].map((s) => states.filter((x) => x === s).length),
      [1, 1],
    );
  });

  it('lets housing receive the trust’s crisis plan for direct care but never its medication', () => {
    const covers = (category: DataCategory, purpose: Purpose) =>
      inForce().some((f) =>
        f.grants.some(
          (g) =>
            g.fromOrganisationId === trust &&
            g.toOrganisationId === housing &&
            g.purpose === purpose &&
            g.categories.includes(category),
        ),
      );
    assert.equal(covers('CRISIS_PLAN', 'DIRECT_CARE'), true);
    assert.equal(covers('CRISIS_PLAN', 'CARE_COORDINATION'), true);
    for (const category of ['MEDICATION', 'DIAGNOSIS', 'ASSESSMENT'] as const)
      for (const purpose of ['DIRECT_CARE', 'CARE_COORDINATION'] as const)
        assert.equal(covers(category, purpose), false, `${category} for ${purpose}`);

    const crisisPlan = read(housing, ['frontline'], 'CRISIS_PLAN', 'DIRECT_CARE');
    assert.equal(crisisPlan.effect, 'permit', crisisPlan.reasons.map((r) => r.code).join());
    // A clinical role passes the tier, so the agreement is what refuses medication.
    const medication = read(housing, ['clinical'], 'MEDICATION', 'DIRECT_CARE');
    assert.equal(medication.effect, 'deny');
    assert.deepEqual(
      medication.reasons.map((r) => r.code),
      ['AGREEMENT_NOT_COVERING_CATEGORY'],
    );
  });

  it('lets the GP receive medication from the trust, and safeguarding flow only for safeguarding', () => {
    const gp = organisationId('gp');
    assert.equal(read(gp, ['clinical'], 'MEDICATION', 'DIRECT_CARE').effect, 'permit');
    const council = organisationId('council');
    assert.equal(read(council, ['safeguarding_lead'], 'SAFEGUARDING', 'SAFEGUARDING').effect, 'permit');
    assert.equal(read(council, ['safeguarding_lead'], 'SAFEGUARDING', 'DIRECT_CARE').effect, 'deny');
  });

  it('lets the crisis sanctuary receive medication only for crisis response', () => {
    const crisis = organisationId('crisis');
    assert.equal(read(crisis, ['duty'], 'MEDICATION', 'CRISIS_RESPONSE').effect, 'permit');
    assert.equal(read(crisis, ['duty'], 'MEDICATION', 'DIRECT_CARE').effect, 'deny');
  });

  it('has a signed-off DPIA with exactly one measure not in place, and one awaiting sign-off whose review is due', async () => {
    const rows = await database()
      .db.selectFrom('dpias')
      .select(['title', 'mitigations', 'organisation_id', 'signed_off_by', 'review_date'])
      .orderBy('review_date')
      .execute();
    assert.equal(rows.length, 2);
    const [due, signed] = rows;
    assert.ok(due && signed);
    assert.equal(due.signed_off_by, null);
    assert.ok(due.review_date <= '2028-03-30');
    const links = (JSON.parse(signed.mitigations) as { control: ControlLink }[]).map((m) => ({
      link: m.control,
      organisationId: signed.organisation_id,
    }));
    const states = await measureControls(database().db, NOW, links);
    assert.deepEqual(
      states.map((s) => s.inPlace),
      [true, true, true, false],
    );
  });

  it('has an incident carried through to its learning and one open with the ICO clock running', async () => {
    const rows = await database()
      .db.selectFrom('ig_incidents')
      .select(['status', 'root_cause', 'learning', 'notify_ico_by', 'ico_notified_at'])
      .orderBy('status')
      .execute();
    assert.equal(rows.length, 2);
    const [closed, open] = rows;
    assert.ok(closed && open);
    assert.equal(closed.status, 'closed');
    assert.ok(closed.root_cause.length > 0 && closed.learning.length > 0);
    assert.ok(
      closed.ico_notified_at && closed.notify_ico_by && closed.ico_notified_at < closed.notify_ico_by,
    );
    assert.equal(open.status, 'open');
    assert.ok(open.notify_ico_by && open.notify_ico_by > NOW.toISOString());
  });
});
