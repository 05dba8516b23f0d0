import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { fromPgPool, migrateToLatest } from '../src/server/db/database.ts';
import { transactionCommitter, type AuditCommitter } from '../src/server/modules/audit/audit-committer.ts';
import { type AuditEvent } from '../src/server/modules/audit/audit-entry.ts';
import { AuditWriter } from '../src/server/modules/audit/audit-writer.ts';
import { ENTRY_COLUMNS, entryValues, insertEntriesSql } from '../src/server/modules/audit/audit.repository.ts';
const URL_ = 'postgres://postgres@127.0.0.1:5432/test';
function readEvent(): AuditEvent {
  return { action: 'record.view', outcome: 'permit', actor: { staffId: crypto.randomUUID(), organisationId: crypto.randomUUID(), roles: ['care_manager'] }, personId: crypto.randomUUID(), categories: ['CRISIS_PLAN', 'RISK_SUMMARY', 'SUPPORT_INSTRUCTIONS'], purpose: 'DIRECT_CARE', reasons: ['PERMIT_CARE_TEAM', 'PERMIT_OWN_ORGANISATION'] };
}
const schema = `probe_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: URL_ }); await admin.connect(); await admin.query(`create schema ${schema}`);
const options = `-c search_path=${schema}`;
const database = fromPgPool(new pg.Pool({ connectionString: URL_, max: 4, options }));
await migrateToLatest(database);
function named(n: number, limit = 400): AuditCommitter {
  const pool = new pg.Pool({ connectionString: URL_, max: n, options });
  return { kind: 'dedicated-connection', concurrency: n, commit: async (rows) => {
    const c = await pool.connect();
    try { const text = insertEntriesSql(rows.length, '$'); if (rows.length <= limit) await c.query({ name: `ins${rows.length}`, text, values: entryValues(rows) }); else await c.query(text, entryValues(rows)); } finally { c.release(); }
  }, close: () => pool.end() };
}
const types = ['text','bigint','text','text','text','text','text','text','text','text','text','text','text','text','text','text','text','text','text','text','text','integer','text','text','text'];
function unnest(n: number): AuditCommitter {
  const pool = new pg.Pool({ connectionString: URL_, max: n, options });
  return { kind: 'dedicated-connection', concurrency: n, commit: async (rows) => {
    const c = await pool.connect();
    try {
      const cols = ENTRY_COLUMNS.map((col) => rows.map((r) => (r as any)[col]));
      const text = `insert into audit_entries (${ENTRY_COLUMNS.join(',')}) select * from unnest(${ENTRY_COLUMNS.map((_, i) => `$${i + 1}::${types[i]}[]`).join(',')})`;
      await c.query({ name: 'unnest', text, values: cols });
    } finally { c.release(); }
  }, close: () => pool.end() };
}
async function rate(writer: AuditWriter, conc = 64, ms = 2000) {
  let done = 0; const at = new Date(); const start = performance.now(); const deadline = start + ms;
  await Promise.all(Array.from({ length: conc }, async () => { while (performance.now() < deadline) { await writer.append([readEvent()], at, crypto.randomUUID()); done++; } }));
  return Math.round(done / ((performance.now() - start) / 1000));
}
const variants: Record<string, () => AuditCommitter> = {
  kysely2: () => transactionCommitter(fromPgPool(new pg.Pool({ connectionString: URL_, max: 2, options })), { owned: true, concurrency: 2 }),
  //kysely3: () => transactionCommitter(fromPgPool(new pg.Pool({ connectionString: URL_, max: 3, options })), { owned: true, concurrency: 3 }),
  //kysely4: () => transactionCommitter(fromPgPool(new pg.Pool({ connectionString: URL_, max: 4, options })), { owned: true, concurrency: 4 }),
  named2: () => named(2), named2at32: () => named(2, 32), named2at16: () => named(2, 16), named3: () => named(3),
};
const out: Record<string, number[]> = {};
for (let round = 0; round < 3; round++) for (const [k, f] of Object.entries(variants)) {
  const committer = f(); const writer = new AuditWriter(database, { committer });
  for (let i = 0; i < 100; i++) await writer.append([readEvent()], new Date(), null);
  (out[k] ??= []).push(await rate(writer)); await writer.close();
  process.stderr.write(`${k} ${out[k].at(-1)}\n`);
}
console.log(JSON.stringify(out));
const r = await admin.query(`select count(*) from ${schema}.audit_entries`); console.log(r.rows);
await database.close(); await admin.query(`drop schema ${schema} cascade`); await admin.end();
