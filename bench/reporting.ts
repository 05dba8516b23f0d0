/**
 * The full commissioner report (every metric, twelve months, the whole partnership) and the
 * evidence pack PDF, at BENCH_PEOPLE people (100,000 by default) and BENCH_AUDIT audit entries
 * (10 million by default), beside a plain count(*) of the tables each reads, in the same run.
 * Prints JSON. Run: node bench/reporting.ts
 *
 * The databases are kept in the temporary directory: the demo named by size and a hash of the demo
 * generator's source, and the demo with its audit rows by that and a hash of the row generator, so
 * a second run loads nothing. The audit rows are written with raw multi-row inserts: a year of
 * record views across the partnership in time order, about one in fifty a refusal across
 * organisations ("unable to share"). They are written unsequenced (no leaf or tree node), so the
 * pack's verification walks only the sequenced entries (none in a fresh demo).
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { sql } from 'kysely';
import { buildApp } from '../src/server/app.ts';
import { migrateToLatest, openDatabase } from '../src/server/db/database.ts';
import { loadDemo } from '../src/server/demo/load-demo.ts';
import { createRandom } from '../src/server/demo/random.ts';
import { entryValues, insertEntriesSql } from '../src/server/modules/audit/audit.repository.ts';
import type { AuditEntryRow } from '../src/server/modules/audit/audit.tables.ts';
import { AuditWriter } from '../src/server/modules/audit/audit-writer.ts';
import { keyIdOf, type SigningKey } from '../src/server/modules/audit/tree-head.ts';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);
const AUDIT = Number(process.env.BENCH_AUDIT ?? 10_000_000);
// A fixed day, so a kept database stays valid: the app runs with its clock set to it.
const TODAY = new Date('2026-06-15T10:00:00Z');
const TO = '2026-06';
const FROM = '2025-07';
const ROWS_PER_INSERT = 500;
const ROWS_PER_TRANSACTION = 200_000;

const progress = (message: string) => process.stderr.write(`bench/reporting: ${message}\n`);
const round = (ms: number) => Math.round(ms * 10) / 10;

/** A hash of the demo generator's source: the demo database is kept under it. */
function demoHash(): string {
  const hash = createHash('sha256');
  const dir = join(import.meta.dirname, '../src/server/demo');
  for (const name of readdirSync(dir).sort())
    if (name.endsWith('.ts') && !name.endsWith('.test.ts')) hash.update(readFileSync(join(dir, name)));
  return hash.digest('hex').slice(0, 12);
}

/** A hash of the audit-row generator's source and size: the full database is kept under it. */
function auditHash(): string {
  return createHash('sha256').update(`${writeAuditRows.toString()}:${AUDIT}`).digest('hex').slice(0, 12);
}

/**
 * Appends `count` audit rows in time order with multi-row inserts, in large transactions. The
 * table's secondary indexes are dropped first and built again at the end: one sort each, instead
 * of ten million random index inserts.
 */
function writeAuditRows(file: string, count: number): void {
  const db = new DatabaseSync(file);
  db.exec('pragma journal_mode = wal; pragma synchronous = off; pragma cache_size = -1000000;');
  const indexes = db
    .prepare(
      "select name, sql from sqlite_master where type = 'index' and tbl_name = 'audit_entries' and sql is not null",
    )
    .all() as { name: string; sql: string }[];
  for (const i of indexes) db.exec(`drop index "${i.name}"`);
  const people = (db.prepare('select id from people').all() as { id: string }[]).map((r) => r.id);
  const staff = db.prepare('select id, organisation_id from staff').all() as {
    id: string;
    organisation_id: string;
  }[];
  const orgs = [...new Set(staff.map((s) => s.organisation_id))];
  const random = createRandom(20_260_615, 11);
  const insert = db.prepare(insertEntriesSql(ROWS_PER_INSERT, '?'));
  const start = Date.parse(`${FROM}-01T00:00:00Z`);
  const step = (TODAY.getTime() - start) / count;
  const reasons = [
    'NO_ACTIVE_AGREEMENT',
    'CONSENT_REFUSED',
    'CONSENT_RESTRICTS_CATEGORY',
    'ROLE_TIER_EXCLUDES_CATEGORY',
  ];
  let written = 0;
  const began = performance.now();
  while (written < count) {
    db.exec('begin');
    for (let t = 0; t < ROWS_PER_TRANSACTION && written < count; t += ROWS_PER_INSERT) {
      const rows: AuditEntryRow[] = [];
      for (let r = 0; r < ROWS_PER_INSERT; r++) {
        const n = written + r;
        const actor = staff[random.int(0, staff.length - 1)] ?? { id: null, organisation_id: null };
        const deny = random.next() < 0.02;
        const owner = deny ? (orgs.find((o) => o !== actor.organisation_id) ?? null) : actor.organisation_id;
        rows.push({
          id: `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
          leaf_index: null,
          leaf_hash: null,
          recorded_at: new Date(start + Math.floor(n * step)).toISOString(),
          request_id: null,
          action: deny ? 'record.access.deny' : 'record.view',
          outcome: deny ? 'deny' : 'permit',
          actor_staff_id: actor.id,
          actor_org_id: actor.organisation_id,
          actor_roles: 'frontline',
          person_id: people[random.int(0, people.length - 1)] ?? null,
          categories: 'RISK_SUMMARY',
          purpose: 'DIRECT_CARE',
          owner_org_id: owner,
          recipient_org_id: actor.organisation_id,
          reasons: deny ? (reasons[random.int(0, reasons.length - 1)] ?? '') : 'PERMIT_CARE_TEAM',
          agreement_id: null,
          consent_id: null,
          consent_provision_id: null,
          exception_id: null,
          break_glass_grant_id: null,
          break_glass: 0,
          target_type: null,
          target_id: null,
          details: '{}',
        });
      }
      const values = entryValues(rows);
      insert.run(...values);
      written += ROWS_PER_INSERT;
    }
    db.exec('commit');
    if (written % 1_000_000 === 0 || written >= count)
      progress(`${written} audit rows (${Math.round((performance.now() - began) / 1000)} s)`);
  }
  for (const i of indexes) db.exec(i.sql);
  progress(`indexes rebuilt (${Math.round((performance.now() - began) / 1000)} s)`);
  db.exec('pragma wal_checkpoint(truncate); analyze;');
  db.close();
}

/** The demo database of PEOPLE people, loaded on first use and kept. */
async function demoFile(): Promise<string> {
  const file = join(tmpdir(), `accord-bench-reporting-demo-${PEOPLE}-${demoHash()}.db`);
  if (existsSync(file)) return file;
  const loading = `${file}.loading`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${loading}${suffix}`, { force: true });
  const database = await openDatabase({ kind: 'sqlite', file: loading } as Parameters<
    typeof openDatabase
  >[0]);
  const began = performance.now();
  await migrateToLatest(database);
  await loadDemo(database, { password: 'bench', people: PEOPLE, today: TODAY });
  await database.close();
  const sqlite = new DatabaseSync(loading);
  sqlite.exec('pragma wal_checkpoint(truncate);');
  sqlite.close();
  progress(`loaded ${PEOPLE} people in ${Math.round((performance.now() - began) / 1000)} s`);
  renameSync(loading, file);
  return file;
}

/** The demo with AUDIT audit rows added, built on first use and kept. */
async function benchFile(): Promise<string> {
  const demo = await demoFile();
  const file = join(tmpdir(), `accord-bench-reporting-${PEOPLE}-${AUDIT}-${demoHash()}-${auditHash()}.db`);
  if (existsSync(file)) return file;
  const loading = `${file}.loading`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${loading}${suffix}`, { force: true });
  copyFileSync(demo, loading);
  writeAuditRows(loading, AUDIT);
  renameSync(loading, file);
  return file;
}

function signingKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { privateKey, publicKey, keyId: keyIdOf(publicKey), publicKeyPem };
}

const file = await benchFile();
const database = await openDatabase({ kind: 'sqlite', file } as Parameters<typeof openDatabase>[0]);
await migrateToLatest(database);
const audit = new AuditWriter(database);
const app = await buildApp({
  database,
  audit,
  signingKey: signingKey(),
  logLevel: 'silent',
  web: false,
  clock: () => TODAY,
});
const login = await app.inject({
  method: 'POST',
  url: '/api/v1/auth/login',
  payload: { username: 'icb.nina', password: 'bench' },
});
const cookie = login.cookies.find((c) => c.name === 'accord_session');
if (!cookie) throw new Error('the demo commissioner could not sign in');
const get = async (url: string) => {
  const res = await app.inject({ method: 'GET', url, cookies: { accord_session: cookie.value } });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
  return res.rawPayload.length;
};
const time = async (f: () => Promise<unknown>) => {
  const began = performance.now();
  await f();
  return round(performance.now() - began);
};
const count = (tables: readonly string[]) => async () => {
  for (const t of tables) await sql`select count(*) from ${sql.table(t)}`.execute(database.db);
};
const REPORT_TABLES = [
  'handovers',
  'pathway_episodes',
  'pathway_episode_moves',
  'follow_ups',
  'care_plan_reviews',
  'outcome_scores',
  'care_team_memberships',
  'consents',
  'care_contacts',
  'ig_incidents',
  'audit_entries',
];
const PACK_TABLES = [
  ...REPORT_TABLES,
  'agreements',
  'agreement_sign_offs',
  'dpias',
  'staff',
  'training_records',
  'agreement_acknowledgements',
  'access_reviews',
  'dq_audits',
  'audit_tree_heads',
];
const report = () => get(`/api/v1/reporting/dataset?from=${FROM}&to=${TO}`);
const pack = () => get(`/api/v1/reporting/evidence-pack.pdf?from=${FROM}&to=${TO}`);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const reportMs: number[] = [];
const packMs: number[] = [];
const reportCountMs: number[] = [];
const packCountMs: number[] = [];
const pdfBytes = await pack();
for (let i = 0; i < runs; i++) {
  reportMs.push(await time(report));
  reportCountMs.push(await time(count(REPORT_TABLES)));
  packMs.push(await time(pack));
  packCountMs.push(await time(count(PACK_TABLES)));
}
const rows = async (t: string) =>
  Number(
    (await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(database.db)).rows[0]?.n ??
      0,
  );
console.log(
  JSON.stringify(
    {
      engine: 'sqlite',
      people: await rows('people'),
      auditEntries: await rows('audit_entries'),
      period: { from: FROM, to: TO },
      runs,
      commissionerReportMs: { min: Math.min(...reportMs), all: reportMs },
      plainCountStarOfReportTablesMs: { min: Math.min(...reportCountMs), all: reportCountMs },
      evidencePackMs: { min: Math.min(...packMs), all: packMs },
      plainCountStarOfPackTablesMs: { min: Math.min(...packCountMs), all: packCountMs },
      evidencePackPdfBytes: pdfBytes,
    },
    null,
    2,
  ),
);
await app.close();
await audit.drain?.();
await database.close();
