/**
 * What keeps a record honest: an entry is created with its audit entry in the same transaction,
 * and an amendment based on a version that has since moved on writes nothing.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadDemo } from '../../src/server/demo/load-demo.ts';
import { appendEntryVersion } from '../../src/server/modules/people/people.repository.ts';
import { describeEachEngine } from '../harness/engines.ts';
import { governedDb, personWriteForTest } from '../harness/governed.ts';
import { call, type Session, signIn, testApp } from '../harness/http.ts';

describeEachEngine('record entries keep their audit and their versions', (database) => {
  let app: FastifyInstance;
  let coordinator: Session;
  let personId: string;

  before(async () => {
    await loadDemo(database(), { password: 'demo', people: 30 });
    app = await testApp(database());
    coordinator = await signIn(app, 'cc.amara', 'demo');
    const caseload = (await call(app, coordinator, 'GET', '/api/v1/people?pageSize=5')).json<{
      items: { id: string }[];
    }>().items;
    personId = caseload[0]?.id ?? '';
    assert.ok(personId);
  });

  it('records every new entry in the audit log with the request that made it', async () => {
    const res = await call(app, coordinator, 'POST', `/api/v1/people/${personId}/entries`, {
      category: 'CARE_PLAN',
      title: 'Review of goals',
      body: 'Agreed to try the walking group weekly.',
    });
    assert.equal(res.statusCode, 201, res.body);
    const { id } = res.json<{ id: string }>();
    const entries = await database()
      .db.selectFrom('audit_entries')
      .select(['action', 'target_id', 'person_id'])
      .where('request_id', '=', String(res.headers['x-request-id']))
      .execute();
    assert.deepEqual(
      entries.map((e) => ({ ...e })),
      [{ action: 'entry.create', target_id: id, person_id: personId }],
    );
  });

  it('writes nothing for an amendment based on a version that has moved on', async () => {
    const res = await call(app, coordinator, 'POST', `/api/v1/people/${personId}/entries`, {
      category: 'CARE_PLAN',
      title: 'First wording',
      body: 'To be amended.',
    });
    const { id } = res.json<{ id: string }>();
    const amended = await call(app, coordinator, 'PUT', `/api/v1/people/${personId}/entries/${id}`, {
      title: 'Second wording',
      body: 'Amended once.',
      reason: 'Clarified the plan.',
    });
    assert.equal(amended.statusCode, 200, amended.body);
    // A second amendment still based on version 1 (as a concurrent one would be) is refused.
    const stored = await governedDb(database())
      .transaction()
      .execute(async (tx) =>
        appendEntryVersion(await personWriteForTest(tx, personId), id, 1, {
          title: 'Stale wording',
          body: 'Based on version 1.',
          authorId: '00000000-0000-4000-8000-000000000000',
          at: new Date().toISOString(),
          reason: 'Raced with another amendment.',
        }),
      );
    assert.equal(stored, false);
    const versions = await governedDb(database())
      .selectFrom('record_entry_versions')
      .select('title')
      .where('entry_id', '=', id)
      .orderBy('version')
      .execute();
    assert.deepEqual(
      versions.map((v) => v.title),
      ['First wording', 'Second wording'],
    );
  });
});
