import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import {
  addMembership,
  makeOrganisation,
  makePerson,
  makeStaff,
} from '../../../../test/harness/factories.ts';
import { governedDb } from '../../../../test/harness/governed.ts';
import { call, type Session, signIn, testApp } from '../../../../test/harness/http.ts';
import type { Problem } from '../../../contracts/errors.ts';
import type { AuditDetail, AuditList, CorrectiveAction } from '../../../contracts/sharing-audit.ts';
import type { Worklist } from '../../../contracts/work.ts';
import type { AuditEntryRow } from '../audit/audit.tables.ts';
import { insertEntries, toRow } from '../audit/index.ts';
import { drawLastMonthsAudits, drawMonthlyAudit } from './sharing-audit-draw.service.ts';

const MARCH_DONE = new Date('2025-04-03T09:00:00.000Z');
const APRIL_DONE = new Date('2025-05-03T09:00:00.000Z');
const SEED = 'fixed-seed-2025-03';

/** Entry ids fixed by number, so both engines hold the very same log. */
const entryId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** What each engine drew for the same seed, compared once both suites have run. */
const samples = new Map<string, string[]>();

describeEachEngine('Monthly information-sharing audit', (database, engine) => {
  let app: FastifyInstance;
  let now = MARCH_DONE;
  let ig: Session;
  let owner: Session;
  let councilIg: Session;
  let trust: string;
  let council: string;
  let ownerId: string;
  let emergencyEntry: string;
  let igId: string;
  let audit: AuditDetail;

  before(async () => {
    const db = database();
    app = await testApp(db, () => now);
    trust = await makeOrganisation(db, { name: 'Trust', type: 'NHS_TRUST' });
    council = await makeOrganisation(db, { name: 'Council', type: 'LOCAL_AUTHORITY' });
    const igStaff = await makeStaff(db, { organisationId: trust, roles: ['ig_lead'], username: 'sa.ig' });
    igId = igStaff.id;
    ownerId = (
      await makeStaff(db, { organisationId: trust, roles: ['service_manager'], username: 'sa.owner' })
    ).id;
    await makeStaff(db, { organisationId: council, roles: ['ig_lead'], username: 'sa.ig.council' });
    const duty = await makeStaff(db, { organisationId: council, roles: ['duty'] });
    const person = (await makePerson(db)).id;
    await addMembership(db, { personId: person, organisationId: trust, staffId: igStaff.id });
    // A break-glass grant whose reason says nothing, and a consent given with one routine provision.
    const grant = '00000000-0000-4000-9000-000000000001';
    await governedDb(db)
      .insertInto('break_glass_grants')
      .values({
        id: grant,
        person_id: person,
        staff_id: duty.id,
        organisation_id: council,
        reason: ' ',
        categories: 'CRISIS_PLAN',
        granted_at: '2025-03-10T02:00:00.000Z',
        expires_at: '2025-03-10T06:00:00.000Z',
        ended_at: null,
      })
      .execute();
    const consent = '00000000-0000-4000-9000-000000000002';
    await governedDb(db)
      .insertInto('consents')
      .values({
        id: consent,
        person_id: person,
        version: 1,
        change: 'given',
        status: 'given',
        capacity: 'HAS_CAPACITY',
        best_interests_decision: null,
        decision_maker: null,
        explanation: 'Explained routine sharing.',
        captured_by: igStaff.id,
        captured_by_org_id: trust,
        captured_at: '2025-01-01T09:00:00.000Z',
        recorded_by: igStaff.id,
        recorded_at: '2025-01-01T09:00:00.000Z',
        review_date: '2026-01-01',
        review_due: 0,
        review_due_reason: null,
        superseded_at: null,
        superseded_by: null,
        provisions: JSON.stringify([
          { id: 'prov-1', kind: 'ROUTINE_COORDINATION', organisationId: null, categories: [] },
        ]),
      })
      .execute();
    const actor = { staffId: duty.id, organisationId: council, roles: ['duty'] };
    const rows: AuditEntryRow[] = [];
    for (let n = 1; n <= 12; n += 1) {
      const emergency = n === 7;
      const row = toRow(
        {
          action: 'record.disclose',
          outcome: 'permit',
          actor,
          personId: person,
          categories: ['CRISIS_PLAN'],
          purpose: 'CRISIS_RESPONSE',
          ownerOrganisationId: trust,
          recipientOrganisationId: council,
          reasons: emergency ? ['PERMIT_BREAK_GLASS'] : ['PERMIT_CONSENT_ROUTINE'],
          ...(emergency
            ? { breakGlassGrantId: grant }
            : n % 4 === 0
              ? {}
              : { consentId: consent, consentProvisionId: 'prov-1' }),
        },
        new Date(Date.parse('2025-03-10T03:00:00.000Z') + n * 3_600_000),
        null,
      );
      row.id = entryId(n);
      rows.push(row);
    }
    emergencyEntry = entryId(7);
    await insertEntries(db.db, rows);
    ig = await signIn(app, 'sa.ig');
    owner = await signIn(app, 'sa.owner');
    councilIg = await signIn(app, 'sa.ig.council');
  });

  after(async () => {
    await app.close();
  });

  it('refuses a seed or a tiny sample from the caller, naming the field, drawing nothing', async () => {
    const seeded = await call(app, councilIg, 'POST', '/api/v1/assurance/sharing-audits', {
      month: '2025-03',
      seed: SEED,
    });
    assert.equal(seeded.statusCode, 400, seeded.body);
    assert.deepEqual(
      seeded.json<Problem>().errors?.map((e) => e.field),
      ['body.seed'],
    );
    const tiny = await call(app, councilIg, 'POST', '/api/v1/assurance/sharing-audits', {
      month: '2025-03',
      sampleSize: 5,
    });
    assert.equal(tiny.statusCode, 400, tiny.body);
    assert.deepEqual(
      tiny.json<Problem>().errors?.map((e) => e.field),
      ['body.sampleSize'],
    );
    const unended = await call(app, councilIg, 'POST', '/api/v1/assurance/sharing-audits', {
      month: '2025-04',
    });
    assert.equal(unended.statusCode, 400, unended.body);
    assert.deepEqual(
      unended.json<Problem>().errors?.map((e) => e.field),
      ['body.month'],
    );
    const drawn = await database().db.selectFrom('sharing_audits').select('id').execute();
    assert.deepEqual(drawn, []);
  });

  it('draws a reproducible sample: the seed is recorded and the same seed draws the same items', async () => {
    // Replaying a recorded seed is a server-side operation: the API never takes one.
    await drawMonthlyAudit(database(), council, '2025-03', now, { seed: SEED, sampleSize: 5 });
    const list = (await call(app, councilIg, 'GET', '/api/v1/assurance/sharing-audits')).json<AuditList>();
    const id = list.items[0]?.id ?? '';
    const drawn = (
      await call(app, councilIg, 'GET', `/api/v1/assurance/sharing-audits/${id}`)
    ).json<AuditDetail>();
    assert.equal(drawn.seed, SEED);
    assert.equal(drawn.population, 12);
    assert.equal(drawn.items.length, 10, 'a sample is never smaller than ten');
    assert.equal(drawn.drawnBy, null);
    samples.set(
      engine.name,
      drawn.items.map((i) => i.entry.id),
    );
    const again = await call(app, councilIg, 'POST', '/api/v1/assurance/sharing-audits', {
      month: '2025-03',
    });
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.json<AuditDetail>().seed, SEED);
    assert.deepEqual(
      again.json<AuditDetail>().items.map((i) => i.entry.id),
      drawn.items.map((i) => i.entry.id),
      'a month is drawn once',
    );
  });

  it('finds the emergency disclosure without a rationale, and a disclosure citing no consent', async () => {
    const res = await call(app, ig, 'POST', '/api/v1/assurance/sharing-audits', {
      month: '2025-03',
      sampleSize: 50,
    });
    assert.equal(res.statusCode, 200, res.body);
    audit = res.json<AuditDetail>();
    assert.equal(audit.items.length, 12);
    // Drawn by hand: the seed is the server's, unguessable, recorded, and the drawer is named.
    assert.match(audit.seed, /^[A-Za-z0-9_-]{16}$/);
    assert.notEqual(audit.seed, SEED);
    assert.equal(audit.drawnBy, igId);
    assert.equal(audit.drawnByName, 'Staff sa.ig');
    const draw = await database()
      .db.selectFrom('audit_entries')
      .select('details')
      .where('action', '=', 'sharing_audit.draw')
      .where('target_id', '=', audit.id)
      .executeTakeFirstOrThrow();
    assert.equal((JSON.parse(draw.details) as { drawnBy?: string }).drawnBy, 'hand');
    const emergency = audit.items.find((i) => i.entry.id === emergencyEntry);
    assert.ok(emergency);
    assert.equal(emergency.autoResult, 'fail');
    assert.equal(emergency.checks.exception, 'fail');
    assert.equal(emergency.checks.consent, 'not_applicable');
    assert.deepEqual(emergency.findings, ['EMERGENCY_NO_RATIONALE', 'EMERGENCY_NOT_REVIEWED']);
    const uncited = audit.items.filter((i) => i.findings.includes('CONSENT_NOT_CITED'));
    assert.deepEqual(uncited.map((i) => i.entry.id).sort(), [entryId(4), entryId(8), entryId(12)]);
    assert.equal(audit.items.filter((i) => i.autoResult === 'pass').length, 8);
  });

  it('refuses an override without a reason, naming the field, changing nothing, and audits the attempt', async () => {
    const item = audit.items.find((i) => i.entry.id === emergencyEntry);
    assert.ok(item);
    const url = `/api/v1/assurance/sharing-audits/${audit.id}/items/${item.id}/review`;
    const bad = await call(app, ig, 'POST', url, { decision: 'override' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(
      bad.json<Problem>().errors?.map((e) => e.field),
      ['body.reason'],
    );
    const unchanged = (
      await call(app, ig, 'GET', `/api/v1/assurance/sharing-audits/${audit.id}`)
    ).json<AuditDetail>();
    assert.equal(unchanged.items.find((i) => i.id === item.id)?.review, null);
    const failures = await database()
      .db.selectFrom('audit_entries')
      .select('details')
      .where('action', '=', 'sharing_audit.item.review')
      .where('outcome', '=', 'failure')
      .execute();
    assert.equal(failures.length, 1);
    const confirmed = await call(app, ig, 'POST', url, { decision: 'confirm' });
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    assert.equal(confirmed.json<AuditDetail>().items.find((i) => i.id === item.id)?.finalResult, 'fail');
    const overridden = audit.items.find((i) => i.entry.id === entryId(4));
    assert.ok(overridden);
    const ok = await call(
      app,
      ig,
      'POST',
      `/api/v1/assurance/sharing-audits/${audit.id}/items/${overridden.id}/review`,
      {
        decision: 'override',
        reason: 'Consent was in force; the handover cited it on paper.',
      },
    );
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json<AuditDetail>().items.find((i) => i.id === overridden.id)?.finalResult, 'pass');
  });

  it('turns the finding into a corrective action in its owner’s worklist; the re-audit records it closed', async () => {
    const item = audit.items.find((i) => i.entry.id === emergencyEntry);
    assert.ok(item);
    const refused = await call(
      app,
      ig,
      'POST',
      `/api/v1/assurance/sharing-audits/${audit.id}/items/${item.id}/actions`,
      {
        description: 'Owned by nobody here, due in the past.',
        ownerStaffId: entryId(99),
        dueOn: '2025-01-01',
      },
    );
    assert.equal(refused.statusCode, 400, refused.body);
    assert.deepEqual(
      refused.json<Problem>().errors?.map((e) => e.field),
      ['body.ownerStaffId', 'body.dueOn'],
    );
    const raised = await call(
      app,
      ig,
      'POST',
      `/api/v1/assurance/sharing-audits/${audit.id}/items/${item.id}/actions`,
      {
        description: 'Remind duty workers that break-glass needs a reason; review the grant.',
        ownerStaffId: ownerId,
        dueOn: '2025-04-30',
      },
    );
    assert.equal(raised.statusCode, 201, raised.body);
    const action = raised.json<CorrectiveAction>();
    assert.equal(action.finding, 'EMERGENCY_NO_RATIONALE');
    const res = await call(app, owner, 'GET', '/api/v1/worklist');
    assert.equal(res.statusCode, 200, res.body);
    const work = res.json<Worklist>();
    assert.equal(work.counts.byKind.CORRECTIVE_ACTION, 1);
    assert.ok(work.items.some((w) => w.kind === 'CORRECTIVE_ACTION' && w.id === action.id));
    const closed = await call(app, owner, 'POST', `/api/v1/assurance/corrective-actions/${action.id}/close`, {
      note: 'Briefed the duty team; the grant was reviewed with the worker.',
    });
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json<CorrectiveAction>().status, 'closed');

    now = APRIL_DONE;
    ig = await signIn(app, 'sa.ig');
    owner = await signIn(app, 'sa.owner');
    councilIg = await signIn(app, 'sa.ig.council');
    const job = await drawLastMonthsAudits(database(), now);
    assert.equal(job.month, '2025-04');
    assert.equal(job.drawn, 2);
    assert.equal((await drawLastMonthsAudits(database(), now)).drawn, 0, 'the monthly job is idempotent');
    const list = (await call(app, ig, 'GET', '/api/v1/assurance/sharing-audits')).json<AuditList>();
    assert.deepEqual(
      list.items.map((a) => a.month),
      ['2025-04', '2025-03'],
    );
    const april = list.items[0];
    assert.ok(april);
    assert.equal(april.reaudited, 1);
    assert.equal(april.reauditClosed, 1);
    assert.equal(april.reauditRecurred, 0);
    const detail = (
      await call(app, ig, 'GET', `/api/v1/assurance/sharing-audits/${april.id}`)
    ).json<AuditDetail>();
    assert.equal(detail.reaudit[0]?.id, action.id);
    assert.deepEqual(
      detail.reaudit[0]?.reaudits.map((r) => [r.closed, r.recurred]),
      [[true, false]],
    );
    const after = (await call(app, owner, 'GET', '/api/v1/worklist')).json<Worklist>();
    assert.ok(!after.items.some((w) => w.kind === 'CORRECTIVE_ACTION'));
  });

  it('opens the person behind an item only through the door', async () => {
    const item = audit.items[0];
    assert.ok(item);
    const seen = await call(
      app,
      ig,
      'GET',
      `/api/v1/assurance/sharing-audits/${audit.id}/items/${item.id}/person`,
    );
    assert.equal(seen.statusCode, 200, seen.body);
    const other = await call(
      app,
      councilIg,
      'GET',
      `/api/v1/assurance/sharing-audits/${audit.id}/items/${item.id}/person`,
    );
    assert.equal(other.statusCode, 404);
    const reads = await database()
      .db.selectFrom('audit_entries')
      .select('outcome')
      .where('action', '=', 'sharing_audit.item.person')
      .execute();
    assert.deepEqual(reads.map((r) => r.outcome).sort(), ['permit']);
  });
});

it('the same seed draws the same sample on SQLite and PostgreSQL', () => {
  const drawn = [...samples.values()];
  assert.equal(drawn.length, 2);
  assert.equal(drawn[0]?.length, 10);
  assert.deepEqual(drawn[0], drawn[1]);
});
