/**
 * The worklist of a service manager with many open items across a large index of people, beside a
 * caseload read in the same run: p50 and p99 latency of GET /api/v1/worklist (first page and a
 * deep page by cursor) and GET /api/v1/people, in-process, SQLite. Sizes: BENCH_PEOPLE (default
 * 100,000) and BENCH_ITEMS (default 10,000).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { withCheckDigit } from '../src/contracts/nhs-number.ts';
import { buildApp } from '../src/server/app.ts';
import { type FullDb, migrateToLatest, openDatabase } from '../src/server/db/database.ts';
import { organisationId, staffId } from '../src/server/demo/demo-ids.ts';
import { loadDemo } from '../src/server/demo/load-demo.ts';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 10_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const progress = (m: string) => process.stderr.write(`bench/worklist: ${m}\n`);

const dir = await mkdtemp(path.join(tmpdir(), 'accord-bench-worklist-'));
const database = await openDatabase({ kind: 'sqlite', file: path.join(dir, 'accord.db') });
await migrateToLatest(database);
await loadDemo(database, { password: 'demo', people: 120 });
progress(`adding ${PEOPLE} people and ${ITEMS} escalated handovers`);
const now = Date.now();
const iso = new Date(now).toISOString();
const trust = organisationId('trust');
const housing = organisationId('housing');
const ids: string[] = [];
// Seeding a bench database directly: the full handle, as the demo loader has.
await (database.db as unknown as FullDb).transaction().execute(async (tx) => {
  let stem = 900_000_000;
  for (let start = 0; start < PEOPLE; start += 500) {
    const rows = [];
    for (let i = start; i < Math.min(PEOPLE, start + 500); i++) {
      let nhs: string | null = null;
      while (!nhs) nhs = withCheckDigit(String(stem++));
      const id = crypto.randomUUID();
      ids.push(id);
      rows.push({
        id,
        nhs_number: nhs,
        given_name: 'Sam',
        family_name: `Bench${i}`,
        date_of_birth: '1980-01-01',
        phone: null,
        email: null,
        address: null,
        postcode: null,
        created_at: iso,
        updated_at: iso,
      });
    }
    await tx.insertInto('people').values(rows).execute();
  }
  const step = Math.max(1, Math.floor(PEOPLE / ITEMS));
  for (let start = 0; start < ITEMS; start += 200) {
    const handovers = [];
    const escalations = [];
    for (let i = start; i < Math.min(ITEMS, start + 200); i++) {
      const id = crypto.randomUUID();
      const sentAt = new Date(now - (i + 2) * 3_600_000).toISOString();
      handovers.push({
        id,
        person_id: ids[(i * step) % ids.length] ?? '',
        template_key: 'CRISIS_ESCALATION',
        template_version: 1,
        sender_staff_id: staffId('cc.amara'),
        sender_org_id: trust,
        recipient_org_id: housing,
        recipient_staff_id: staffId('ho.kerry'),
        recipient_team_id: null,
        lead_staff_id: staffId('ho.kerry'),
        purpose: 'DIRECT_CARE',
        route: 'ACCORD',
        status: 'sent',
        information_missing: 0,
        missing_fields: '[]',
        sent_at: sentAt,
        due_at: new Date(Date.parse(sentAt) + 3_600_000).toISOString(),
        sla_minutes: 60,
        acknowledged_at: null,
        acknowledged_by: null,
        acknowledgement_note: null,
        escalation_tier: 1,
        source: 'accord',
      });
      escalations.push({
        id: crypto.randomUUID(),
        handover_id: id,
        tier: 1,
        reason: 'UNACKNOWLEDGED',
        escalated_at: new Date(Date.parse(sentAt) + 3_600_000).toISOString(),
        to_staff_id: staffId('mgr.ian'),
        notify_staff_id: staffId('cc.amara'),
        resolved_at: null,
      });
    }
    await tx.insertInto('handovers').values(handovers).execute();
    await tx.insertInto('handover_escalations').values(escalations).execute();
  }
});

const app = await buildApp({ database, logLevel: 'silent', web: false });
async function session(username: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: 'demo' },
  });
  const cookie = res.cookies.find((c) => c.name === 'accord_session');
  if (!cookie) throw new Error(`sign-in failed for ${username}`);
  return `accord_session=${cookie.value}`;
}
async function timed(cookie: string, url: () => string): Promise<{ p50: number; p99: number }> {
  const ms: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const start = performance.now();
    const res = await app.inject({ method: 'GET', url: url(), headers: { cookie } });
    ms.push(performance.now() - start);
    if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode} for ${url()}`);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0) * 100) / 100;
  return { p50: at(0.5), p99: at(0.99) };
}

const manager = await session('mgr.ian');
const coordinator = await session('cc.amara');
const first = await app.inject({
  method: 'GET',
  url: '/api/v1/worklist?limit=25',
  headers: { cookie: manager },
});
const body = first.json<{ counts: { total: number }; nextCursor: string | null }>();
// A cursor some way into the list, to show a deep page costs what the first does.
let deep = body.nextCursor;
for (let i = 0; i < 20 && deep; i++)
  deep = (
    await app.inject({
      method: 'GET',
      url: `/api/v1/worklist?limit=25&after=${deep}`,
      headers: { cookie: manager },
    })
  ).json<{ nextCursor: string | null }>().nextCursor;
progress(`measuring ${REQUESTS} requests each`);
const worklist = await timed(manager, () => '/api/v1/worklist?limit=25');
const worklistDeep = await timed(manager, () => `/api/v1/worklist?limit=25${deep ? `&after=${deep}` : ''}`);
const caseload = await timed(coordinator, () => '/api/v1/people?pageSize=25');
process.stdout.write(
  `${JSON.stringify({
    bench: 'worklist',
    engine: 'sqlite',
    people: PEOPLE + 120,
    managerOpenItems: body.counts.total,
    requests: REQUESTS,
    worklistFirstPageMs: worklist,
    worklistDeepPageMs: worklistDeep,
    caseloadPageMs: caseload,
  })}\n`,
);
await app.close();
await database.close();
await rm(dir, { recursive: true, force: true });
