import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { activateAgreement } from '../../../../test/harness/agreement-activation.ts';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import { makeOrganisation, makeStaff } from '../../../../test/harness/factories.ts';
import { call, type Session, signIn } from '../../../../test/harness/http.ts';
import type { Agreement } from '../../../contracts/agreements.ts';
import type { ComplianceReport, DrilldownPage, Figure } from '../../../contracts/compliance.ts';
import type { Database } from '../../db/database.ts';
import { completeAgreementInput } from '../agreements/agreements.factories.ts';
import type { AuditEntryRow } from '../audit/audit.tables.ts';
import { insertEntries, toRow } from '../audit/index.ts';

const ACTIVATED = new Date('2025-04-01T09:00:00.000Z');
const LATER = new Date('2025-07-02T09:00:00.000Z');
const Q2 = { from: '2025-03-31T23:00:00.000Z', to: '2025-06-30T23:00:00.000Z' };

/** Builds the quarter's log: disclosures in and out of the terms, exceptions, break-glass, denials. */
function quarterLog(a: string, trust: string, council: string, staff: string): AuditEntryRow[] {
  const rows: AuditEntryRow[] = [];
  const at = (i: number, base = '2025-04-02T08:00:00.000Z') =>
    new Date(Date.parse(base) + i * 60_000).toISOString();
  const actor = { staffId: staff, organisationId: council, roles: ['frontline'] };
  const disclose = (i: number, over: Parameters<typeof toRow>[0] extends infer E ? Partial<E> : never) =>
    toRow(
      {
        action: 'record.disclose',
        outcome: 'permit',
        actor,
        personId: crypto.randomUUID(),
        categories: ['RISK_SUMMARY'],
        purpose: 'DIRECT_CARE',
        ownerOrganisationId: trust,
        recipientOrganisationId: council,
        reasons: ['PERMIT_CONSENT_ROUTINE'],
        agreementId: a,
        ...over,
      },
      new Date(at(i)),
      null,
    );
  // 560 disclosures: more than a batch, several categories, some drifting.
  for (let i = 0; i < 560; i += 1) {
    if (i % 7 === 0) rows.push(disclose(i, { categories: ['CRISIS_PLAN', 'RISK_SUMMARY'] }));
    else if (i % 50 === 3) rows.push(disclose(i, { purpose: 'CARE_COORDINATION' }));
    else if (i % 61 === 5) rows.push(disclose(i, { categories: ['MEDICATION', 'RISK_SUMMARY'] }));
    else if (i % 40 === 9) rows.push(disclose(i, { exceptionId: crypto.randomUUID() }));
    else if (i % 45 === 11) rows.push(disclose(i, { breakGlassGrantId: crypto.randomUUID() }));
    else rows.push(disclose(i, {}));
  }
  // Before activation (period drift), and outside the quarter (not counted).
  rows.push(
    toRow(
      {
        action: 'record.disclose',
        outcome: 'permit',
        actor,
        categories: ['RISK_SUMMARY'],
        purpose: 'DIRECT_CARE',
        ownerOrganisationId: trust,
        recipientOrganisationId: council,
        agreementId: a,
      },
      new Date('2025-04-01T06:00:00.000Z'),
      null,
    ),
  );
  rows.push(disclose(0, {}));
  const outside = rows.at(-1);
  if (outside) outside.recorded_at = '2025-07-01T00:30:00.000Z';
  // Denials between the parties, by reason; one the other way round is not governed by this agreement.
  for (let i = 0; i < 30; i += 1)
    rows.push(
      toRow(
        {
          action: 'record.access.deny',
          outcome: 'deny',
          actor,
          categories: ['CRISIS_PLAN'],
          purpose: 'DIRECT_CARE',
          ownerOrganisationId: trust,
          recipientOrganisationId: council,
          reasons: i % 3 === 0 ? ['DENY_NO_CONSENT', 'DENY_TIER'] : ['DENY_NO_CONSENT'],
        },
        new Date(at(i, '2025-05-01T10:00:00.000Z')),
        null,
      ),
    );
  rows.push(
    toRow(
      {
        action: 'record.access.deny',
        outcome: 'deny',
        actor: { ...actor, organisationId: trust },
        categories: ['CRISIS_PLAN'],
        ownerOrganisationId: council,
        recipientOrganisationId: trust,
        reasons: ['DENY_NO_CONSENT'],
      },
      new Date('2025-05-02T10:00:00.000Z'),
      null,
    ),
  );
  return rows;
}

const list = (s: string) => (s === '' ? [] : s.split(','));

/** The figure's entries found independently, straight from the table. */
async function independent(db: Database, a: string, figure: Figure): Promise<string[]> {
  const rows = await db.db
    .selectFrom('audit_entries')
    .selectAll()
    .where('recorded_at', '>=', Q2.from)
    .where('recorded_at', '<', Q2.to)
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
  return rows
    .filter((r) => {
      if (figure.figure === 'denied')
        return (
          r.outcome === 'deny' &&
          r.action === 'record.access.deny' &&
          r.recipient_org_id !== r.owner_org_id &&
          r.owner_org_id === figure.owner &&
          (figure.reason === undefined || list(r.reasons).includes(figure.reason))
        );
      if (r.agreement_id !== a || r.outcome !== 'permit') return false;
      if (figure.category && !list(r.categories).includes(figure.category)) return false;
      if (figure.purpose && r.purpose !== figure.purpose) return false;
      if (figure.figure === 'exception') return r.exception_id !== null;
      if (figure.figure === 'break_glass') return r.break_glass === 1 || Number(r.break_glass) === 1;
      if (figure.figure === 'drift')
        return (
          r.purpose !== 'DIRECT_CARE' ||
          list(r.categories).some((c) => !['RISK_SUMMARY', 'CRISIS_PLAN'].includes(c)) ||
          r.recorded_at < ACTIVATED.toISOString()
        );
      return true;
    })
    .map((r) => r.id);
}

describeEachEngine('Quarterly agreement compliance', (database) => {
  let app: FastifyInstance;
  let now = ACTIVATED;
  let ig: Session;
  let councilIg: Session;
  let outsider: Session;
  let agreement: Agreement;
  let trust: string;
  let council: string;
  let report: ComplianceReport;

  before(async () => {
    const db = database();
    app = await (await import('../../../../test/harness/http.ts')).testApp(db, () => now);
    trust = await makeOrganisation(db, { name: 'Trust', type: 'NHS_TRUST' });
    council = await makeOrganisation(db, { name: 'Council', type: 'LOCAL_AUTHORITY' });
    const other = await makeOrganisation(db, { name: 'Housing', type: 'HOUSING_PROVIDER' });
    await makeStaff(db, { organisationId: trust, roles: ['ig_lead'], username: 'c.ig.trust' });
    await makeStaff(db, { organisationId: council, roles: ['ig_lead'], username: 'c.ig.council' });
    await makeStaff(db, { organisationId: other, roles: ['ig_lead'], username: 'c.ig.other' });
    const worker = await makeStaff(db, { organisationId: council, roles: ['frontline'] });
    ig = await signIn(app, 'c.ig.trust');
    councilIg = await signIn(app, 'c.ig.council');
    outsider = await signIn(app, 'c.ig.other');
    const created = await call(
      app,
      ig,
      'POST',
      '/api/v1/agreements',
      completeAgreementInput({ from: trust, to: council }, { startDate: '2025-01-01' }),
    );
    assert.equal(created.statusCode, 201, created.body);
    agreement = created.json<Agreement>();
    const activated = await activateAgreement(app, db, ig, agreement.id);
    assert.equal(activated.statusCode, 200, activated.body);
    await insertEntries(db.db, quarterLog(agreement.id, trust, council, worker.id));
    now = LATER;
    ig = await signIn(app, 'c.ig.trust');
    councilIg = await signIn(app, 'c.ig.council');
    outsider = await signIn(app, 'c.ig.other');
    const res = await call(app, ig, 'GET', `/api/v1/assurance/compliance/${agreement.id}/2025-Q2`);
    assert.equal(res.statusCode, 200, res.body);
    report = res.json<ComplianceReport>();
  });

  after(async () => {
    await app.close();
  });

  /** Every entry of a figure, page by page. */
  async function drill(figure: Figure, session = ig, limit = 40): Promise<string[]> {
    const ids: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages += 1) {
      const qs = new URLSearchParams({ ...figure, limit: String(limit), ...(after ? { after } : {}) });
      const res = await call(
        app,
        session,
        'GET',
        `/api/v1/assurance/compliance/${agreement.id}/2025-Q2/entries?${qs}`,
      );
      assert.equal(res.statusCode, 200, res.body);
      const page = res.json<DrilldownPage>();
      assert.ok(page.items.length <= limit);
      ids.push(...page.items.map((e) => e.id));
      after = page.next;
      if (!after) return ids;
    }
    throw new Error('too many pages');
  }

  it('counts what was disclosed, denied, excepted, broken glass for and drifted in the quarter', () => {
    assert.equal(report.disclosed.count, 561);
    assert.equal(report.exceptions.count > 0, true);
    assert.equal(report.breakGlass.count > 0, true);
    assert.equal(report.denied.count, 30);
    assert.deepEqual(
      report.denied.rows.map((r) => [r.reason, r.count]),
      [
        ['DENY_NO_CONSENT', 30],
        ['DENY_TIER', 10],
      ],
    );
    assert.deepEqual(
      report.drift.rows.map((r) => r.kind),
      ['purpose', 'category', 'period'],
    );
    assert.equal(report.drift.rows.find((r) => r.kind === 'period')?.count, 1);
    assert.ok(report.entriesRead >= 591);
  });

  it('opens exactly the entries behind each figure, the same ones an independent query finds', async () => {
    const db = database();
    const figures: { count: number; figure: Figure }[] = [
      report.disclosed,
      ...report.disclosed.rows,
      report.denied,
      ...report.denied.rows,
      report.exceptions,
      report.breakGlass,
      report.drift,
      ...report.drift.rows,
    ];
    for (const { count, figure } of figures) {
      const ids = await drill(figure);
      assert.equal(ids.length, count, `${JSON.stringify(figure)} drill-down has ${ids.length} of ${count}`);
      assert.equal(new Set(ids).size, ids.length);
      const expected = await independent(
        db,
        agreement.id,
        figure.figure === 'denied' ? { ...figure, owner: trust } : figure,
      );
      if (!figure.drift) assert.deepEqual(ids, expected, JSON.stringify(figure));
    }
    assert.deepEqual(
      await drill(report.drift.figure, councilIg, 7),
      await independent(db, agreement.id, report.drift.figure),
    );
  });

  it('is open to the DPO of a party who is not an IG lead', async () => {
    const dpo = await makeStaff(database(), {
      organisationId: council,
      roles: ['service_manager'],
      username: 'c.dpo',
    });
    await database()
      .db.insertInto('governance_roles')
      .values({ organisation_id: council, role: 'DPO', staff_id: dpo.id, assigned_at: LATER.toISOString() })
      .execute();
    const session = await signIn(app, 'c.dpo');
    const res = await call(app, session, 'GET', `/api/v1/assurance/compliance/${agreement.id}/2025-Q2`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json<ComplianceReport>().disclosed.count, report.disclosed.count);
    const list = await call(app, session, 'GET', '/api/v1/assurance/compliance');
    assert.deepEqual(
      list.json<{ items: { id: string }[] }>().items.map((a) => a.id),
      [agreement.id],
    );
  });

  it('is for the IG leads of the parties only; reading it and its entries is audited', async () => {
    const other = await call(app, outsider, 'GET', `/api/v1/assurance/compliance/${agreement.id}/2025-Q2`);
    assert.equal(other.statusCode, 404);
    const drillOther = await call(
      app,
      outsider,
      'GET',
      `/api/v1/assurance/compliance/${agreement.id}/2025-Q2/entries?figure=disclosed`,
    );
    assert.equal(drillOther.statusCode, 404);
    const bad = await call(
      app,
      ig,
      'GET',
      `/api/v1/assurance/compliance/${agreement.id}/2025-Q2/entries?figure=disclosed&after=nonsense`,
    );
    assert.equal(bad.statusCode, 400);
    const audited = await database()
      .db.selectFrom('audit_entries')
      .select(['action', 'outcome'])
      .where('action', 'in', ['compliance.view', 'compliance.drilldown'])
      .execute();
    assert.ok(audited.some((r) => r.action === 'compliance.view' && r.outcome === 'success'));
    assert.ok(audited.some((r) => r.action === 'compliance.drilldown' && r.outcome === 'success'));
    assert.equal(audited.filter((r) => r.outcome === 'deny').length, 2);
  });

  it('shows a party of a many-party agreement only the flows it takes part in, and audits each person shown', async () => {
    const db = database();
    const vcs = await makeOrganisation(db, { name: 'Voluntary service', type: 'VOLUNTARY_SECTOR' });
    await makeStaff(db, { organisationId: vcs, roles: ['ig_lead'], username: 'c.ig.vcs' });
    const vcsWorker = await makeStaff(db, { organisationId: vcs, roles: ['frontline'] });
    const councilWorker = await makeStaff(db, { organisationId: council, roles: ['frontline'] });
    const base = completeAgreementInput({ from: trust, to: council }, { startDate: '2025-01-01' });
    const created = await call(app, ig, 'POST', '/api/v1/agreements', {
      ...base,
      title: 'Many-party agreement',
      parties: [
        ...(base.parties ?? []),
        { organisationId: vcs, role: 'CONTROLLER', article6Basis: 'A6_EA_RECOGNISED_LI' },
      ],
      grants: [
        ...(base.grants ?? []),
        {
          fromOrganisationId: trust,
          toOrganisationId: vcs,
          purpose: 'DIRECT_CARE',
          categories: ['RISK_SUMMARY'],
        },
      ],
      signatories: [
        ...(base.signatories ?? []),
        { name: 'C Signer', role: 'Director', organisationId: vcs, signedOn: '2024-12-03' },
      ],
    });
    assert.equal(created.statusCode, 201, created.body);
    const many = created.json<Agreement>();
    const disclose = (i: number, recipient: string, staff: string, category: string) =>
      toRow(
        {
          action: 'record.disclose',
          outcome: 'permit',
          actor: { staffId: staff, organisationId: recipient, roles: ['frontline'] },
          personId: crypto.randomUUID(),
          categories: [category],
          purpose: 'DIRECT_CARE',
          ownerOrganisationId: trust,
          recipientOrganisationId: recipient,
          reasons: ['PERMIT_CONSENT_ROUTINE'],
          agreementId: many.id,
        },
        new Date(Date.parse('2025-06-01T08:00:00.000Z') + i * 60_000),
        null,
      );
    const toCouncil = [0, 1, 2, 3].map((i) => disclose(i, council, councilWorker.id, 'CRISIS_PLAN'));
    const toVcs = [4, 5].map((i) => disclose(i, vcs, vcsWorker.id, 'RISK_SUMMARY'));
    await insertEntries(db.db, [...toCouncil, ...toVcs]);
    const vcsIg = await signIn(app, 'c.ig.vcs');
    const path = `/api/v1/assurance/compliance/${many.id}/2025-Q2`;
    const seen = await call(app, vcsIg, 'GET', path);
    assert.equal(seen.statusCode, 200, seen.body);
    const vcsReport = seen.json<ComplianceReport>();
    assert.equal(vcsReport.disclosed.count, 2);
    assert.deepEqual(
      vcsReport.disclosed.rows.map((r) => [r.recipientOrganisationId, r.count]),
      [[vcs, 2]],
    );
    // The trust's CRISIS_PLAN disclosures to the council: VCS has no part, so it gets no entries.
    const other = await call(
      app,
      vcsIg,
      'GET',
      `${path}/entries?figure=disclosed&owner=${trust}&recipient=${council}&category=CRISIS_PLAN`,
    );
    assert.equal(other.statusCode, 200, other.body);
    assert.deepEqual(other.json<DrilldownPage>().items, []);
    const all = await call(app, vcsIg, 'GET', `${path}/entries?figure=disclosed`);
    const items = all.json<DrilldownPage>().items;
    assert.deepEqual(
      items.map((e) => e.id),
      toVcs.map((r) => r.id),
    );
    const councilPeople = new Set(toCouncil.map((r) => r.person_id));
    assert.ok(items.every((e) => !councilPeople.has(e.personId ?? null)));
    assert.ok(items.every((e) => e.actorStaffId !== councilWorker.id));
    // The trust, a party to both flows, still sees and opens both.
    const trustReport = (await call(app, ig, 'GET', path)).json<ComplianceReport>();
    assert.equal(trustReport.disclosed.count, 6);
    // One drill-down entry per person shown, so each person's access report shows the read.
    const logged = await db.db
      .selectFrom('audit_entries')
      .select(['person_id', 'actor_org_id'])
      .where('action', '=', 'compliance.drilldown')
      .where('actor_org_id', '=', vcs)
      .where('person_id', 'is not', null)
      .execute();
    assert.deepEqual(logged.map((r) => r.person_id).sort(), toVcs.map((r) => r.person_id).sort());
  });
});
