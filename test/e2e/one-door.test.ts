/**
 * The one door end to end with the demo partnership: lists write list entries and nothing about
 * records, a caller whose IG training has lapsed sees no person in any list or queue, and a
 * refused write answers 403 with its reasons and is audited after the rollback.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { AccessReport } from '../../src/contracts/audit-export.ts';
import type { PersonHeader } from '../../src/contracts/people.ts';
import { staffId } from '../../src/server/demo/demo-ids.ts';
import { loadDemo } from '../../src/server/demo/load-demo.ts';
import { describeEachEngine } from '../harness/engines.ts';
import { governedDb } from '../harness/governed.ts';
import { call, type Session, signIn, testApp } from '../harness/http.ts';

describeEachEngine('one door to person data', (database) => {
  let app: FastifyInstance;
  let coordinator: Session;
  let support: Session;

  /** The audit entries written for one response, by its request id. */
  const entriesOf = (requestId: unknown) =>
    database()
      .db.selectFrom('audit_entries')
      .select(['action', 'person_id', 'outcome', 'reasons'])
      .where('request_id', '=', String(requestId))
      .execute();

  before(async () => {
    await loadDemo(database(), { password: 'demo', people: 60 });
    app = await testApp(database());
    coordinator = await signIn(app, 'cc.amara', 'demo');
    support = await signIn(app, 'sw.ben', 'demo');
  });

  it('writes one list entry per person listed, and no record view or disclosure', async () => {
    const res = await call(app, coordinator, 'GET', '/api/v1/people?pageSize=7');
    assert.equal(res.statusCode, 200, res.body);
    const items = res.json<{ items: { id: string }[] }>().items;
    assert.ok(items.length > 1, 'the coordinator has a caseload');
    const entries = await entriesOf(res.headers['x-request-id']);
    assert.deepEqual(
      entries.map((e) => e.action),
      items.map(() => 'caseload.list'),
    );
    assert.deepEqual(new Set(entries.map((e) => e.person_id)), new Set(items.map((i) => i.id)));

    const headers = await call(
      app,
      coordinator,
      'GET',
      `/api/v1/people/headers?ids=${items.map((i) => i.id).join(',')}`,
    );
    assert.equal(headers.statusCode, 200, headers.body);
    assert.equal(headers.json<{ items: PersonHeader[] }>().items.length, items.length);
    const named = await entriesOf(headers.headers['x-request-id']);
    assert.deepEqual(
      named.map((e) => e.action),
      items.map(() => 'person.header.view'),
    );

    // The person's access report shows that they were seen in a list, not that their record was opened.
    const subject = items[0]?.id ?? '';
    const report = await call(app, coordinator, 'GET', `/api/v1/people/${subject}/access-report`);
    assert.equal(report.statusCode, 200, report.body);
    const { accesses } = report.json<AccessReport>();
    const seen = accesses.map((a) => `${a.action}: ${a.description}`);
    assert.ok(seen.includes('caseload.list: Saw your name in a list'), seen.join('\n'));
    assert.ok(seen.includes('person.header.view: Saw your name in a list'), seen.join('\n'));
    assert.ok(!accesses.some((a) => a.action === 'record.view' || a.action === 'record.disclose'));
  });

  it('names nobody the caller may not know in a header read', async () => {
    const caseload = (await call(app, support, 'GET', '/api/v1/people?pageSize=50')).json<{
      items: { id: string }[];
      total: number;
    }>();
    assert.ok(caseload.total <= 50);
    const mine = new Set(caseload.items.map((i) => i.id));
    const everyone = await governedDb(database()).selectFrom('people').select('id').execute();
    const stranger = everyone.find((p) => !mine.has(p.id))?.id ?? '';
    assert.ok(stranger, 'someone is not on the support worker’s caseload');
    const res = await call(app, support, 'GET', `/api/v1/people/headers?ids=${stranger}`);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json<{ items: PersonHeader[] }>().items, []);
    const bad = await call(app, support, 'GET', '/api/v1/people/headers?ids=not-an-id');
    assert.equal(bad.statusCode, 400);
  });

  it('shows a caller whose IG training has lapsed no person in any list or queue', async () => {
    const caseload = (await call(app, coordinator, 'GET', '/api/v1/people?pageSize=5')).json<{
      items: { id: string }[];
    }>().items;
    const someone = caseload[0]?.id ?? '';
    await database()
      .db.updateTable('training_records')
      .set({ expires_on: '2000-01-01' })
      .where('staff_id', '=', staffId('cc.amara'))
      .execute();
    const lapsed = await signIn(app, 'cc.amara', 'demo');
    const people = await call(app, lapsed, 'GET', '/api/v1/people');
    assert.equal(people.statusCode, 200);
    assert.deepEqual(people.json<{ items: unknown[]; total: number }>(), {
      items: [],
      total: 0,
      totalExact: true,
      hasMore: false,
      page: 1,
      pageSize: people.json<{ pageSize: number }>().pageSize,
    });
    const reviews = await call(app, lapsed, 'GET', '/api/v1/consent-reviews');
    assert.equal(reviews.statusCode, 200);
    assert.deepEqual(reviews.json(), []);
    const headers = await call(app, lapsed, 'GET', `/api/v1/people/headers?ids=${someone}`);
    assert.deepEqual(headers.json<{ items: unknown[] }>().items, []);
    assert.equal((await call(app, lapsed, 'GET', `/api/v1/people/${someone}`)).statusCode, 404);
    assert.equal((await call(app, lapsed, 'GET', `/api/v1/people/${someone}/consent`)).statusCode, 404);
    assert.equal((await call(app, lapsed, 'GET', `/api/v1/people/${someone}/access-report`)).statusCode, 404);
    const refused = await entriesOf(people.headers['x-request-id']);
    assert.deepEqual(
      refused.map((e) => [e.action, e.outcome, e.person_id]),
      [['caseload.list', 'deny', null]],
    );
    assert.match(refused[0]?.reasons ?? '', /TRAINING_EXPIRED/);
  });

  it('refuses a write the decision function denies with 403 and its reasons, audited after the rollback', async () => {
    const caseload = (await call(app, support, 'GET', '/api/v1/people?pageSize=5')).json<{
      items: { id: string }[];
    }>().items;
    const someone = caseload[0]?.id ?? '';
    assert.ok(someone, 'the support worker has a caseload');
    const before = await governedDb(database())
      .selectFrom('record_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('person_id', '=', someone)
      .executeTakeFirstOrThrow();
    const res = await call(app, support, 'POST', `/api/v1/people/${someone}/entries`, {
      category: 'MEDICATION',
      title: 'Dose changed',
      body: 'A change the support worker may not record.',
    });
    assert.equal(res.statusCode, 403, res.body);
    const problem = res.json<{ code: string; reasons: { code: string }[] }>();
    assert.equal(problem.code, 'FORBIDDEN');
    assert.ok(problem.reasons.some((r) => r.code === 'ROLE_TIER_EXCLUDES_CATEGORY'));
    const after = await governedDb(database())
      .selectFrom('record_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('person_id', '=', someone)
      .executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
    const audited = await entriesOf(res.headers['x-request-id']);
    assert.deepEqual(
      audited.map((e) => [e.action, e.outcome, e.person_id]),
      [['record.edit.deny', 'deny', someone]],
    );
  });
});
