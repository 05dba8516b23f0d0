/**
 * Crash test of the audit log's promise: every request that got an answer is durably logged.
 * Runs the real server on a file database, fires concurrent governed reads, kills the server with
 * SIGKILL mid-load, restarts it on the same database, and checks that every answered request's
 * entries are there, get sequenced after the restart, and that `accord audit verify` passes.
 * SQLite always; PostgreSQL too when ACCORD_TEST_DATABASE_URL is set (in a fresh database).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDatabaseUrl } from '../../src/server/config.ts';
import { type Database, openDatabase } from '../../src/server/db/database.ts';
import { killHard, runCli, type ServerProcess, startServer, stopGracefully } from './server-process.ts';
import { postgresSite, type ServerSite, sqliteSite } from './sites.ts';

const KILL_AFTER_ANSWERS = 600;
const MAX_REQUESTS = 1_800;
const CONCURRENCY = 48;
const LOAD_BUDGET_MS = 25_000;

async function signInAs(server: ServerProcess, username: string): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  assert.equal(res.status, 200, `sign-in failed with ${res.status}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('accord_session='));
  assert.ok(cookie, 'no session cookie');
  return cookie.split(';')[0] ?? '';
}

/** Fires governed reads from many workers; kills the server once enough have been answered. */
async function loadThenKill(server: ServerProcess, cookie: string, people: readonly string[]) {
  const answered: string[] = [];
  let sent = 0;
  let failed = 0;
  let killing: Promise<void> | null = null;
  const deadline = Date.now() + LOAD_BUDGET_MS;
  const worker = async (w: number) => {
    while (!killing && sent < MAX_REQUESTS && Date.now() < deadline) {
      const personId = people[(sent + w) % people.length];
      sent += 1;
      try {
        const res = await fetch(`${server.url}/api/v1/people/${personId}`, { headers: { cookie } });
        // An answer counts only once its whole body has arrived: that is what a caller would act on.
        await res.arrayBuffer();
        const requestId = res.headers.get('x-request-id');
        if (res.status === 200 && requestId) answered.push(requestId);
        else failed += 1;
      } catch {
        failed += 1;
      }
      if (answered.length >= KILL_AFTER_ANSWERS && !killing) killing = killHard(server);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)));
  await (killing ?? killHard(server));
  return { answered, sent, failed };
}

async function waitUntilSequenced(database: Database, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const pending = await database.db
      .selectFrom('audit_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('leaf_index', 'is', null)
      .executeTakeFirstOrThrow();
    if (Number(pending.n) === 0) return;
    if (Date.now() > until) throw new Error(`${pending.n} entries still unsequenced after restart`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function loggedRequestIds(database: Database, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await database.db
      .selectFrom('audit_entries')
      .select('request_id')
      .where('request_id', 'in', ids.slice(i, i + 500))
      .where('action', 'in', ['record.view', 'record.disclose', 'record.access.deny'])
      .where('leaf_index', 'is not', null)
      .execute();
    for (const r of rows) if (r.request_id) found.add(r.request_id);
  }
  return found;
}

async function verifyCli(
  env: NodeJS.ProcessEnv,
): Promise<{ ok: boolean; pending: number; entriesChecked: number }> {
  const result = await runCli(['audit', 'verify', '--json'], env);
  assert.equal(result.code, 0, `accord audit verify failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as { ok: boolean; pending: number; entriesChecked: number };
}

async function crashAndRecover(site: ServerSite, diagnostic: (message: string) => void): Promise<void> {
  const demo = await runCli(['demo', '--people', '30'], site.env);
  assert.equal(demo.code, 0, `demo load failed: ${demo.stderr}`);

  const first = await startServer(site.env);
  let second: ServerProcess | null = null;
  try {
    const cookie = await signInAs(first, 'cc.amara');
    const caseload = await fetch(`${first.url}/api/v1/people?pageSize=100`, { headers: { cookie } });
    const people = (await caseload.json()) as { items: { id: string }[] };
    assert.ok(people.items.length > 0, 'the demo care coordinator has nobody on her caseload');

    const load = await loadThenKill(
      first,
      cookie,
      people.items.map((p) => p.id),
    );
    diagnostic(
      `sent ${load.sent}, answered ${load.answered.length}, unanswered ${load.failed}; killed with SIGKILL`,
    );
    assert.ok(load.answered.length >= KILL_AFTER_ANSWERS);
    assert.equal(first.child.signalCode, 'SIGKILL');

    // The log as the crash left it already verifies: entries not yet sequenced simply wait.
    const afterCrash = await verifyCli(site.env);
    assert.equal(afterCrash.ok, true);
    diagnostic(
      `after the crash: ${afterCrash.entriesChecked} entries verified, ${afterCrash.pending} waiting`,
    );

    second = await startServer(site.env);
    const database = await openDatabase(parseDatabaseUrl(String(site.env.DATABASE_URL)));
    try {
      await waitUntilSequenced(database);
      const found = await loggedRequestIds(database, load.answered);
      const missing = load.answered.filter((id) => !found.has(id));
      assert.deepEqual(missing, [], `${missing.length} answered requests have no sequenced audit entry`);
    } finally {
      await database.close();
    }
    await stopGracefully(second);
    assert.equal(second.child.exitCode, 0, `the restarted server did not stop cleanly: ${second.stderr()}`);

    const final = await verifyCli(site.env);
    assert.equal(final.ok, true);
    assert.equal(final.pending, 0);
    assert.ok(final.entriesChecked >= load.answered.length);
    diagnostic(`after restart: ${final.entriesChecked} entries verified, none waiting`);
  } finally {
    await killHard(first);
    if (second) await killHard(second);
  }
}

describe('audit log survives a hard crash under load', () => {
  it('[sqlite] every answered request is logged and the log verifies', { timeout: 120_000 }, async (t) => {
    const site = sqliteSite('accord-crash');
    try {
      await crashAndRecover(site, (m) => t.diagnostic(m));
    } finally {
      await site.cleanup();
    }
  });

  const url = process.env.ACCORD_TEST_DATABASE_URL;
  it('[postgres] every answered request is logged and the log verifies', {
    timeout: 120_000,
    skip: url ? false : 'ACCORD_TEST_DATABASE_URL is not set',
  }, async (t) => {
    if (!url) return;
    const site = await postgresSite(url, 'accord-crash');
    try {
      await crashAndRecover(site, (m) => t.diagnostic(m));
    } finally {
      await site.cleanup();
    }
  });
});
