/**
 * A care coordinator's caseload page at 10,000 and 100,000 people, against its peer; prints one
 * JSON object. Run: node bench/caseload.ts
 *
 * - Accord: `GET /api/v1/people?page=1&pageSize=25` over HTTP, one connection, audit log on;
 * - peer: the same page as one indexed query (people in name order, each kept when an
 *   EXISTS finds the coordinator's live care-team membership), prepared once on the same file.
 *
 * Each size runs in a fresh process, as a server serves one partnership.
 * Demo databases are kept in the temporary directory, named by size and by a hash of the demo
 * generator's source, so a second run does not load 100,000 people again.
 */
import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { buildApp } from '../src/server/app.ts';
import { migrateToLatest, openDatabase } from '../src/server/db/database.ts';
import { loadDemo } from '../src/server/demo/load-demo.ts';
import { openAuditCommitter } from '../src/server/modules/audit/audit-committer.ts';
import { AuditWriter } from '../src/server/modules/audit/audit-writer.ts';
import { openAuditSequencer } from '../src/server/modules/audit/sequencer-thread.ts';
import { keyIdOf, type SigningKey } from '../src/server/modules/audit/tree-head.ts';
import { quantile } from './http-load.ts';

const SIZES = [10_000, 100_000] as const;
const PAGE = '/api/v1/people?page=1&pageSize=25';
const MAX_REQUESTS = 400;
// Unmeasured requests first, as in bench/people-read.ts: the figures are of the warmed server.
const WARM_UP_REQUESTS = 40;
const MAX_MS = 25_000;
const PEER_REQUESTS = 2_000;
// A fixed day, so a kept database stays valid: the app is run with its clock set to it.
const TODAY = new Date('2026-06-15T10:00:00Z');
const TODAY_DATE = '2026-06-15';
const COORDINATOR = 'cc.amara';

const progress = (message: string) => process.stderr.write(`bench/caseload: ${message}\n`);
const round = (ms: number) => Math.round(ms * 1000) / 1000;

function signingKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { privateKey, publicKey, keyId: keyIdOf(publicKey), publicKeyPem };
}

function generatorHash(): string {
  const dir = join(import.meta.dirname, '../src/server/demo');
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith('.ts') && !name.endsWith('.test.ts')) hash.update(readFileSync(join(dir, name)));
  }
  return hash.digest('hex').slice(0, 12);
}

/** The demo database of `people` people, loaded on first use and kept. */
async function demoFile(people: number): Promise<string> {
  const file = join(tmpdir(), `accord-bench-caseload-${people}-${generatorHash()}.db`);
  if (existsSync(file)) return file;
  const loading = `${file}.loading`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${loading}${suffix}`, { force: true });
  const database = await openDatabase({ kind: 'sqlite', file: loading } as Parameters<
    typeof openDatabase
  >[0]);
  const started = performance.now();
  await migrateToLatest(database);
  await loadDemo(database, { password: 'demo', people, today: TODAY });
  await database.close();
  progress(`loaded ${people} people in ${Math.round((performance.now() - started) / 1000)} s`);
  renameSync(loading, file);
  return file;
}

function stats(samples: number[]) {
  const sorted = Float64Array.from(samples).sort();
  return {
    requests: samples.length,
    p50Ms: round(quantile(sorted, 0.5)),
    p99Ms: round(quantile(sorted, 0.99)),
    maxMs: round(quantile(sorted, 1)),
  };
}

/** Accord's caseload page over HTTP, one request at a time. */
async function accordCaseload(file: string, key: SigningKey) {
  const database = await openDatabase({ kind: 'sqlite', file } as Parameters<typeof openDatabase>[0]);
  await migrateToLatest(database);
  // As the server does (main.ts): commits and sequencing each on a thread with its own connection.
  const audit = new AuditWriter(database, {
    committer: await openAuditCommitter({ kind: 'sqlite', file }, database),
  });
  const app = await buildApp({
    database,
    audit,
    signingKey: key,
    logLevel: 'silent',
    web: false,
    clock: () => TODAY,
  });
  const sequencer = await openAuditSequencer({ kind: 'sqlite', file }, database, {
    signingKey: key,
    anchorFile: null,
  });
  sequencer.start();
  try {
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: COORDINATOR, password: 'demo' }),
    });
    const cookie = login.headers
      .getSetCookie()
      .find((c) => c.startsWith('accord_session='))
      ?.split(';')[0];
    if (cookie === undefined) throw new Error('the demo care coordinator could not sign in');
    const get = async () => {
      const response = await fetch(`${base}${PAGE}`, { headers: { cookie } });
      const body = (await response.json()) as {
        items: { id: string }[];
        total?: number;
        totalExact?: boolean;
      };
      if (response.status !== 200) throw new Error(`HTTP ${response.status} for the caseload`);
      return body;
    };
    const first = await get();
    for (let i = 1; i < WARM_UP_REQUESTS; i++) await get();
    await get();
    const samples: number[] = [];
    const deadline = performance.now() + MAX_MS;
    // CPU time of this process (server, client and sequencer) per request: steadier than wall time
    // on a shared machine, where other processes set the latency.
    const cpu0 = process.cpuUsage();
    while (samples.length < MAX_REQUESTS && performance.now() < deadline) {
      const t0 = performance.now();
      await get();
      samples.push(performance.now() - t0);
    }
    const cpu = process.cpuUsage(cpu0);
    return {
      ...stats(samples),
      cpuMsPerRequest: round((cpu.user + cpu.system) / 1000 / Math.max(1, samples.length)),
      itemsOnPage: first.items.length,
      total: first.total ?? null,
      totalExact: first.totalExact ?? null,
    };
  } finally {
    await app.close();
    await audit.close();
    await sequencer.stop();
    await database.close();
  }
}

/**
 * The peer: the same page as one prepared query over the name-order index, each person kept by an
 * EXISTS on a live membership naming the coordinator (Accord's first page is their named caseload).
 */
function peerCaseload(file: string) {
  const sqlite = new DatabaseSync(file, { readOnly: true });
  try {
    const who = sqlite.prepare('select id, organisation_id from staff where username = ?').get(COORDINATOR) as
      | { id: string; organisation_id: string }
      | undefined;
    if (who === undefined) throw new Error('the demo care coordinator is missing');
    const page = sqlite.prepare(
      `select p.id, p.nhs_number, p.given_name, p.family_name, p.date_of_birth, p.postcode
       from people p indexed by people_name_order_idx
       where exists (
         select 1 from care_team_memberships m
         where m.person_id = p.id and m.organisation_id = ? and m.staff_id = ?
           and m.start_date <= ? and (m.end_date is null or m.end_date >= ?))
       order by p.family_name, p.given_name, p.id limit 25`,
    );
    const run = () => page.all(who.organisation_id, who.id, TODAY_DATE, TODAY_DATE);
    const rows = run();
    const samples: number[] = [];
    for (let i = 0; i < PEER_REQUESTS; i++) {
      const t0 = performance.now();
      run();
      samples.push(performance.now() - t0);
    }
    return { ...stats(samples), itemsOnPage: rows.length };
  } finally {
    sqlite.close();
  }
}

/** One size, measured in this process: the demo file, Accord's page and the peer. */
async function measureSize(people: number) {
  const file = await demoFile(people);
  const accord = await accordCaseload(file, signingKey());
  const peer = peerCaseload(file);
  progress(`${people} people: Accord p50 ${accord.p50Ms} ms, peer p50 ${peer.p50Ms} ms`);
  return { accordAuditOn: accord, bareExistsQuery: peer };
}

/**
 * Each size in a fresh process, as a server serves one partnership: run one after the other in one
 * process, the first size's server left its garbage to be collected in the second one's measured
 * window (a 30 ms major collection of 165 MB of heap), and the first size alone paid for warming up.
 */
function measureSizeInChild(people: number): Awaited<ReturnType<typeof measureSize>> {
  // The child runs with this process's Node flags; its result is its last line of output.
  const out = execFileSync(
    process.execPath,
    [...process.execArgv, import.meta.filename, '--size', String(people)],
    { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' },
  );
  return JSON.parse(out.trim().split('\n').at(-1) ?? '');
}

async function main(): Promise<void> {
  const sizeArg = process.argv.indexOf('--size');
  if (sizeArg >= 0) {
    process.stdout.write(`\n${JSON.stringify(await measureSize(Number(process.argv[sizeArg + 1])))}\n`);
    return;
  }
  const started = performance.now();
  const loadAtStart = loadavg()[0] ?? 0;
  const sizes: Record<string, unknown> = {};
  const p99: number[] = [];
  const cpu: number[] = [];
  for (const people of SIZES) {
    const measured = measureSizeInChild(people);
    p99.push(measured.accordAuditOn.p99Ms);
    cpu.push(measured.accordAuditOn.cpuMsPerRequest);
    sizes[String(people)] = measured;
  }
  const report = {
    benchmark: 'caseload',
    node: process.version,
    loadAverage1m: {
      atStart: Math.round(loadAtStart * 100) / 100,
      atEnd: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    },
    engine: 'sqlite (file, WAL, synchronous=FULL)',
    request: `GET ${PAGE} as ${COORDINATOR}, one connection, each size in a fresh server process`,
    peer: 'one prepared SQLite query: people in name-order index order, EXISTS a live care-team membership naming the coordinator, limit 25',
    sizes,
    growth: {
      accordP99At100kOver10k: Math.round(((p99[1] ?? 0) / (p99[0] ?? 1)) * 100) / 100,
      accordCpuPerRequestAt100kOver10k: Math.round(((cpu[1] ?? 0) / (cpu[0] ?? 1)) * 100) / 100,
    },
    elapsedSeconds: Math.round((performance.now() - started) / 100) / 10,
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

await main();
