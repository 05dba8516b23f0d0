import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import { governedDb } from '../../../../test/harness/governed.ts';
import { call, type Session, signIn, testApp } from '../../../../test/harness/http.ts';
import type { DqAuditDto } from '../../../contracts/reporting.ts';
import type { Worklist } from '../../../contracts/work.ts';
import { MISCODED_EPISODE_ID } from '../../demo/demo-reporting.ts';
import { loadDemo } from '../../demo/load-demo.ts';
import { serviceContext } from '../../service-context.ts';
import { AuditWriter } from '../audit/audit-writer.ts';
import { loadPrincipal } from '../auth/auth.repository.ts';
import { runDataQualityAudit } from './data-quality.service.ts';
import { drawSample } from './data-quality.ts';

const PASSWORD = 'demo-dq';
const SEED = 'fixed-seed-2026';
/** The sample each engine drew with the same seed over the same demo records. */
const samples = new Map<string, string[]>();

const monthsAgo = (now: Date, n: number) =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 1)).toISOString().slice(0, 7);

describeEachEngine('monthly data-quality audit over the demo partnership', (database, engine) => {
  let app: FastifyInstance;
  let ig: Session;
  const now = new Date();
  // Only a month that has ended may be audited.
  const previous = monthsAgo(now, 2);
  const current = monthsAgo(now, 1);
  let first: DqAuditDto;
  before(async () => {
    await loadDemo(database(), { password: PASSWORD, today: now });
    app = await testApp(database());
    ig = await signIn(app, 'ig.priya', PASSWORD);
  });
  after(() => app.close());

  it('finds the demo’s mis-coded pathway stage, with a correction owned by the care coordinator', async () => {
    const res = await call(app, ig, 'POST', '/api/v1/reporting/data-quality/audits', {
      month: previous,
      sampleSize: 500,
    });
    assert.equal(res.statusCode, 201, res.body);
    first = res.json<DqAuditDto>();
    assert.match(first.audit.seed, /^[0-9a-f]{16}$/, 'a random seed, drawn and stored by Accord');
    assert.equal(first.audit.sampled, first.audit.population);
    const miscoded = first.findings.find(
      (f) => f.check === 'STAGE_NOT_EVIDENCED' && f.recordId === MISCODED_EPISODE_ID,
    );
    assert.ok(miscoded, 'the mis-coded stage is a finding');
    assert.equal(miscoded.status, 'open');
    assert.ok(miscoded.action.length > 10);
    const owner = await database()
      .db.selectFrom('staff')
      .select('username')
      .where('id', '=', miscoded.ownerStaffId)
      .executeTakeFirstOrThrow();
    const session = await signIn(app, owner.username, PASSWORD);
    const work = await call(app, session, 'GET', '/api/v1/worklist?limit=100');
    assert.equal(work.statusCode, 200, work.body);
    const list = work.json<Worklist>();
    assert.ok(list.counts.byKind.DQ_CORRECTION >= 1);
    assert.ok(list.items.some((i) => i.kind === 'DQ_CORRECTION' && i.id === miscoded.id));
    const sampled = await database()
      .db.selectFrom('audit_entries')
      .select('person_id')
      .where('action', '=', 'dq.audit.sample')
      .execute();
    assert.equal(
      new Set(sampled.map((s) => s.person_id)).size,
      new Set(first.sample.map((s) => s.personId)).size,
    );
  });

  it('stores the sample in the order its recorded seed draws it', async () => {
    const population = await governedDb(database())
      .selectFrom('dq_audit_items')
      .select('episode_id')
      .execute();
    assert.equal(population.length, first.sample.length);
    const ids = first.sample.map((s) => s.episodeId);
    const small = drawSample(first.audit.seed, ids, 10);
    assert.deepEqual(drawSample(first.audit.seed, [...ids].reverse(), 10), small, 'independent of row order');
    assert.deepEqual(ids.slice(0, 10), small, 'the stored order is the seed’s order');
  });

  it('re-audits next month: a corrected finding is verified, one left alone stays open', async () => {
    const miscoded = first.findings.find(
      (f) => f.recordId === MISCODED_EPISODE_ID && f.check === 'STAGE_NOT_EVIDENCED',
    );
    assert.ok(miscoded);
    const db = governedDb(database());
    const moves = await db
      .selectFrom('pathway_episode_moves')
      .selectAll()
      .where('episode_id', '=', MISCODED_EPISODE_ID)
      .orderBy('version', 'desc')
      .execute();
    const last = moves[0];
    assert.ok(last);
    await db
      .insertInto('pathway_episode_moves')
      .values({
        ...last,
        version: last.version + 1,
        from_stage: last.to_stage,
        to_stage: 'ACTIVE',
        moved_at: new Date(Date.parse(last.moved_at) + 86_400_000).toISOString(),
      })
      .execute();
    const stranger = await call(
      app,
      ig,
      'POST',
      `/api/v1/reporting/data-quality/findings/${miscoded.id}/correction`,
    );
    assert.equal(stranger.statusCode, 404, 'only the owner records a correction');
    const owner = await database()
      .db.selectFrom('staff')
      .select('username')
      .where('id', '=', miscoded.ownerStaffId)
      .executeTakeFirstOrThrow();
    const ownerSession = await signIn(app, owner.username, PASSWORD);
    const seen = await call(
      app,
      ownerSession,
      'GET',
      `/api/v1/reporting/data-quality/findings/${miscoded.id}`,
    );
    assert.equal(seen.statusCode, 200, seen.body);
    const icb = await signIn(app, 'icb.nina', PASSWORD);
    const hidden = await call(app, icb, 'GET', `/api/v1/reporting/data-quality/findings/${miscoded.id}`);
    assert.equal(hidden.statusCode, 404, 'a finding is hidden from anyone but its owner and the IG lead');
    const corrected = await call(
      app,
      await signIn(app, owner.username, PASSWORD),
      'POST',
      `/api/v1/reporting/data-quality/findings/${miscoded.id}/correction`,
    );
    assert.equal(corrected.statusCode, 200, corrected.body);
    const res = await call(app, ig, 'POST', '/api/v1/reporting/data-quality/audits', {
      month: current,
      sampleSize: 20,
    });
    assert.equal(res.statusCode, 201, res.body);
    const second = res.json<DqAuditDto>();
    assert.equal(second.audit.reaudited, first.findings.length);
    assert.ok(second.audit.verified >= 1);
    const reopened = await call(app, ig, 'GET', `/api/v1/reporting/data-quality/audits/${first.audit.id}`);
    const findings = reopened.json<DqAuditDto>().findings;
    assert.equal(findings.find((f) => f.id === miscoded.id)?.status, 'verified');
    assert.ok(first.findings.length > 1 && second.audit.stillPresent >= 1);
    assert.ok(
      findings.some((f) => f.status === 'reopened'),
      'a finding left alone is still open',
    );
    const list = await call(app, ig, 'GET', '/api/v1/reporting/data-quality/audits');
    assert.equal(list.statusCode, 200);
    const trend = list.json<{ items: DqAuditDto['audit'][] }>().items;
    assert.deepEqual(
      trend.map((a) => a.month),
      [previous, current],
    );
  });

  it('refuses a month twice, a future month and a commissioner, naming the field; the refusal is audited', async () => {
    const again = await call(app, ig, 'POST', '/api/v1/reporting/data-quality/audits', { month: previous });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /body\.month/);
    const future = await call(app, ig, 'POST', '/api/v1/reporting/data-quality/audits', { month: '2999-01' });
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /body\.month/);
    const unfinished = await call(app, ig, 'POST', '/api/v1/reporting/data-quality/audits', {
      month: monthsAgo(now, 0),
    });
    assert.equal(unfinished.statusCode, 400, 'this month has not ended');
    assert.match(unfinished.body, /body\.month/);
    const chosen = await call(app, ig, 'POST', '/api/v1/reporting/data-quality/audits', {
      month: monthsAgo(now, 3),
      seed: SEED,
    });
    assert.equal(chosen.statusCode, 400, 'a caller may not choose the seed');
    assert.match(chosen.body, /body\.seed/);
    const tiny = await call(app, ig, 'POST', '/api/v1/reporting/data-quality/audits', {
      month: monthsAgo(now, 3),
      sampleSize: 5,
    });
    assert.equal(tiny.statusCode, 400);
    assert.match(tiny.body, /body\.sampleSize/);
    const icb = await signIn(app, 'icb.nina', PASSWORD);
    const denied = await call(app, icb, 'GET', `/api/v1/reporting/data-quality/audits/${first.audit.id}`);
    assert.equal(denied.statusCode, 403);
    const run = await call(app, icb, 'POST', '/api/v1/reporting/data-quality/audits', { month: previous });
    assert.equal(run.statusCode, 403);
    const refusals = await database()
      .db.selectFrom('audit_entries')
      .select('id')
      .where('action', '=', 'dq.audit.deny')
      .execute();
    assert.ok(refusals.length >= 2);
  });

  it('answers two runs of one month at once with one audit and a 409 naming body.month', async () => {
    const month = monthsAgo(now, 3);
    const both = await Promise.all(
      [0, 1].map(() => call(app, ig, 'POST', '/api/v1/reporting/data-quality/audits', { month })),
    );
    assert.deepEqual(both.map((r) => r.statusCode).sort(), [201, 409], both.map((r) => r.body).join('\n'));
    assert.match(both.find((r) => r.statusCode === 409)?.body ?? '', /body\.month/);
  });

  it('draws the same sample from the same seed, on either engine', async () => {
    const staff = await database()
      .db.selectFrom('staff')
      .select('id')
      .where('username', '=', 'ig.priya')
      .executeTakeFirstOrThrow();
    const principal = await loadPrincipal(
      database().db,
      staff.id,
      'session',
      null,
      now.toISOString().slice(0, 10),
    );
    assert.ok(principal);
    const audit = new AuditWriter(database());
    const ctx = serviceContext({ database: database(), principal, now, audit });
    // Replaying a draw with a known seed is the service's, never a route's input.
    const replayed = await runDataQualityAudit(
      ctx,
      { month: monthsAgo(now, 4), sampleSize: 20 },
      { seed: SEED },
    );
    assert.equal(replayed.audit.seed, SEED);
    const ids = replayed.sample.map((s) => s.episodeId);
    assert.ok(ids.length > 1);
    assert.deepEqual(drawSample(SEED, [...ids].reverse(), ids.length), ids, 'the seed’s order');
    samples.set(engine.name, ids);
    const others = [...samples.entries()].filter(([name]) => name !== engine.name);
    for (const [, other] of others) assert.deepEqual(ids, other, 'same seed, same sample on both engines');
  });
});
