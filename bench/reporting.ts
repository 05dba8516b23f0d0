/**
 * The full commissioner report (every metric, twelve months, the whole partnership) over the demo
 * partnership, beside a plain count(*) of the tables it reads, in the same run. Prints JSON.
 * BENCH_PEOPLE sets the demo's size (2,000 by default).
 */
import { sql } from 'kysely';
import { migrateToLatest, openDatabase } from '../src/server/db/database.ts';
import { loadDemo } from '../src/server/demo/load-demo.ts';
import { call, signIn, testApp } from '../test/harness/http.ts';

const people = Number(process.env.BENCH_PEOPLE ?? 2000);
const database = await openDatabase({ kind: 'sqlite', file: ':memory:' });
await migrateToLatest(database);
const today = new Date();
await loadDemo(database, { password: 'bench', people, today });
const app = await testApp(database);
const icb = await signIn(app, 'icb.nina', 'bench');
const to = today.toISOString().slice(0, 7);
const from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 11, 1))
  .toISOString()
  .slice(0, 7);
const time = async (f: () => Promise<unknown>) => {
  const start = performance.now();
  await f();
  return Math.round((performance.now() - start) * 10) / 10;
};
const report = async () => {
  const res = await call(app, icb, 'GET', `/api/v1/reporting/dataset?from=${from}&to=${to}`);
  if (res.statusCode !== 200) throw new Error(res.body);
};
await report();
const tables = [
  'handovers',
  'pathway_episodes',
  'pathway_episode_moves',
  'follow_ups',
  'care_plan_reviews',
  'outcome_scores',
  'care_team_memberships',
  'consents',
  'audit_entries',
];
const counts = async () => {
  for (const t of tables) await sql`select count(*) from ${sql.table(t)}`.execute(database.db);
};
const reportMs = [await time(report), await time(report), await time(report)];
const countMs = [await time(counts), await time(counts), await time(counts)];
console.log(
  JSON.stringify(
    {
      engine: 'sqlite',
      people,
      commissionerReportMs: Math.min(...reportMs),
      plainCountStarOfItsTablesMs: Math.min(...countMs),
    },
    null,
    2,
  ),
);
await app.close();
await database.close();
