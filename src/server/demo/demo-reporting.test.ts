import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../../../test/harness/engines.ts';
import { governedDb } from '../../../test/harness/governed.ts';
import { call, signIn, testApp } from '../../../test/harness/http.ts';
import type { ReconciliationDto, ReportDto } from '../../contracts/reporting.ts';
import { organisationId } from './demo-ids.ts';
import { MISCODED_EPISODE_ID } from './demo-reporting.ts';
import { loadDemo } from './load-demo.ts';

const PASSWORD = 'demo-reporting';

describeEachEngine('demo reporting history', (database) => {
  let app: FastifyInstance;
  const now = new Date();
  const to = now.toISOString().slice(0, 7);
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1)).toISOString().slice(0, 7);
  before(async () => {
    await loadDemo(database(), { password: PASSWORD, today: now });
    app = await testApp(database());
  });
  after(() => app.close());

  it('gives every metric built on demo records a trend over twelve months', async () => {
    const icb = await signIn(app, 'icb.nina', PASSWORD);
    const res = await call(
      app,
      icb,
      'GET',
      `/api/v1/reporting/dataset?from=${from}&to=${to}&organisationId=${organisationId('trust')}`,
    );
    assert.equal(res.statusCode, 200, res.body);
    const report = res.json<ReportDto>();
    for (const t of report.metrics) {
      // The demo's two IG incidents are its walkthrough cases, not a year of history.
      if (t.definition.id === 'unable_to_share' || t.definition.id === 'privacy_incidents') continue;
      // A suppressed total (null) is 1 to 7: something was counted.
      const months = t.monthTotals.filter((v) => v !== 0).length;
      assert.ok(months >= 6, `${t.definition.id} has figures in ${months} months`);
    }
  });

  it('holds one mis-coded pathway stage for the data-quality audit, and still reconciles', async () => {
    const db = governedDb(database());
    const episode = await db
      .selectFrom('pathway_episodes')
      .selectAll()
      .where('id', '=', MISCODED_EPISODE_ID)
      .executeTakeFirst();
    const moves = await db
      .selectFrom('pathway_episode_moves')
      .selectAll()
      .where('episode_id', '=', MISCODED_EPISODE_ID)
      .orderBy('version')
      .execute();
    assert.equal(episode?.stage, 'ACTIVE');
    assert.notEqual(moves[moves.length - 1]?.to_stage, 'ACTIVE');
    const ig = await signIn(app, 'ig.priya', PASSWORD);
    const rec = await call(app, ig, 'GET', `/api/v1/reporting/reconciliation?from=${from}&to=${to}`);
    assert.equal(rec.statusCode, 200, rec.body);
    assert.deepEqual(rec.json<ReconciliationDto>().differences, []);
  });
});
