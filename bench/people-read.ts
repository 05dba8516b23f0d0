/**
 * A person read over HTTP against its peer, in one run on one SQLite database; prints one JSON object.
 * Run: node bench/people-read.ts
 *
 * - Accord: `GET /api/v1/people/{id}` as a care coordinator, with the audit log on (AuditWriter on
 *   the committer the server uses, `openAuditCommitter` as in main.ts, and the sequencer running on its
 *   thread, `openAuditSequencer`) and
 *   off (a writer that stores nothing);
 * - peer: a bare Fastify route doing one indexed read of the same person on the same database file,
 *   through a prepared node:sqlite statement;
 * each at 32 connections (req/s, p50, p99) and at 16 (p99 at half the load), loopback only. CPU
 * time of this process (server and load generator together) per request is reported beside each:
 * steadier than req/s on a shared machine, and the load generator's share is the same for all three.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.ts';
import { type Database, migrateToLatest, openDatabase } from '../src/server/db/database.ts';
import { loadDemo } from '../src/server/demo/load-demo.ts';
import { openAuditCommitter } from '../src/server/modules/audit/audit-committer.ts';
import { AuditWriter } from '../src/server/modules/audit/audit-writer.ts';
import { openAuditSequencer } from '../src/server/modules/audit/sequencer-thread.ts';
import { keyIdOf, type SigningKey } from '../src/server/modules/audit/tree-head.ts';
import { driveLoad, type LoadResult } from './http-load.ts';

const PEOPLE = 1_000;
const REQUESTS = 4_000;
// Per run; with two rounds of three servers at two loads and a warm-up, the bench stays under ~2 minutes.
const MAX_MS = 8_000;
const WARM_UP_MS = 3_000;
const FULL = 32;
const HALF = 16;
const ROUNDS = 2;

const progress = (message: string) => process.stderr.write(`bench/people-read: ${message}\n`);

function signingKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { privateKey, publicKey, keyId: keyIdOf(publicKey), publicKeyPem };
}

/** A server under test, its base URL, the headers to send, and the paths of the person reads. */
interface Target {
  readonly base: string;
  readonly headers: Record<string, string>;
  readonly paths: readonly string[];
  close(): Promise<void>;
}

async function accordTarget(
  database: Database,
  file: string,
  auditOn: boolean,
  key: SigningKey,
): Promise<Target> {
  // The "off" writer keeps the shape of AuditWriter and stores nothing: the API without its log.
  const off = {
    append: async () => undefined,
    appendInTransaction: async () => undefined,
    drain: async () => undefined,
  };
  // As the server does (main.ts): a SQLite file's group commits run on their own thread and connection.
  const audit = auditOn
    ? new AuditWriter(database, { committer: await openAuditCommitter({ kind: 'sqlite', file }, database) })
    : (off as unknown as AuditWriter);
  const app = await buildApp({ database, audit, signingKey: key, logLevel: 'silent', web: false });
  // Sequencing on its own thread and connection, as main.ts runs it.
  const sequencer = auditOn
    ? await openAuditSequencer({ kind: 'sqlite', file }, database, { signingKey: key, anchorFile: null })
    : null;
  sequencer?.start();
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'cc.amara', password: 'demo' }),
  });
  const cookie = login.headers
    .getSetCookie()
    .find((c) => c.startsWith('accord_session='))
    ?.split(';')[0];
  if (cookie === undefined) throw new Error('the demo care coordinator could not sign in');
  const page = (await (
    await fetch(`${base}/api/v1/people?pageSize=100`, { headers: { cookie } })
  ).json()) as {
    items: { id: string }[];
  };
  if (page.items.length === 0) throw new Error('the demo care coordinator has an empty caseload');
  return {
    base,
    headers: { cookie },
    paths: Array.from(
      { length: REQUESTS },
      (_, i) => `/api/v1/people/${page.items[i % page.items.length]?.id}`,
    ),
    close: async () => {
      await app.close();
      await sequencer?.stop();
      if (auditOn) await audit.close();
    },
  };
}

/** The peer: one prepared, indexed read of the person by id, returned as JSON. */
async function bareTarget(file: string, ids: readonly string[]): Promise<Target> {
  const sqlite = new DatabaseSync(file, { readOnly: true });
  const byId = sqlite.prepare(
    'select id, nhs_number, given_name, family_name, date_of_birth, postcode from people where id = ?',
  );
  const app: FastifyInstance = Fastify({ logger: false });
  app.get<{ Params: { id: string } }>('/bare/people/:id', async (req, reply) => {
    const row = byId.get(req.params.id);
    if (row === undefined) return reply.code(404).send({ title: 'Not found' });
    return row;
  });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    base,
    headers: {},
    paths: Array.from({ length: REQUESTS }, (_, i) => `/bare/people/${ids[i % ids.length]}`),
    close: async () => {
      await app.close();
      sqlite.close();
    },
  };
}

/** A load run with this process's CPU time per request (server and load generator). */
type Measured = LoadResult & { readonly cpuMsPerRequest: number };

/** Runs a target at full and half load after a warm-up. */
async function measure(open: () => Promise<Target>): Promise<{ full: Measured; half: Measured }> {
  const target = await open();
  try {
    const run = async (concurrency: number, paths: readonly string[], maxMs = MAX_MS): Promise<Measured> => {
      const cpu = process.cpuUsage();
      const result = await driveLoad(target.base, paths, { concurrency, maxMs, headers: target.headers });
      const used = process.cpuUsage(cpu);
      const cpuMsPerRequest = (used.user + used.system) / 1000 / Math.max(1, result.requests);
      return { ...result, cpuMsPerRequest: Math.round(cpuMsPerRequest * 1000) / 1000 };
    };
    await run(FULL, target.paths.slice(0, 400), WARM_UP_MS);
    const full = await run(FULL, target.paths);
    const half = await run(HALF, target.paths);
    return { full, half };
  } finally {
    await target.close();
  }
}

const best = (runs: { full: Measured; half: Measured }[]) =>
  runs.reduce((a, b) => (b.full.requestsPerSecond > a.full.requestsPerSecond ? b : a));

async function main(): Promise<void> {
  const started = performance.now();
  const loadAtStart = loadavg()[0] ?? 0;
  const dir = mkdtempSync(join(tmpdir(), 'accord-people-read-'));
  const file = join(dir, 'accord.db');
  const database = await openDatabase({ kind: 'sqlite', file } as Parameters<typeof openDatabase>[0]);
  const key = signingKey();
  try {
    await migrateToLatest(database);
    await loadDemo(database, { password: 'demo', people: PEOPLE });
    const on: { full: Measured; half: Measured }[] = [];
    const off: { full: Measured; half: Measured }[] = [];
    const bare: { full: Measured; half: Measured }[] = [];
    let ids: readonly string[] = [];
    // Alternating rounds, so warm-up and a growing log favour neither side.
    for (let r = 0; r < ROUNDS; r++) {
      on.push(
        await measure(async () => {
          const t = await accordTarget(database, file, true, key);
          ids = t.paths.map((p) => p.slice('/api/v1/people/'.length));
          return t;
        }),
      );
      off.push(await measure(() => accordTarget(database, file, false, key)));
      bare.push(await measure(() => bareTarget(file, ids)));
      progress(
        `round ${r + 1}: audit on ${on.at(-1)?.full.requestsPerSecond}/s, off ${off.at(-1)?.full.requestsPerSecond}/s, bare ${bare.at(-1)?.full.requestsPerSecond}/s`,
      );
    }
    // Best round of each: on a shared machine other work only ever slows a round down.
    const [accordOn, accordOff, peer] = [best(on), best(off), best(bare)];
    const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;
    const report = {
      benchmark: 'people-read',
      node: process.version,
      cores: availableParallelism(),
      loadAverage1m: {
        atStart: Math.round(loadAtStart * 100) / 100,
        atEnd: Math.round((loadavg()[0] ?? 0) * 100) / 100,
      },
      engine: 'sqlite (file, WAL, synchronous=FULL)',
      people: PEOPLE,
      request: 'GET /api/v1/people/{id} as a care coordinator',
      peer: 'bare Fastify route, one prepared indexed SQLite read by id on the same file',
      requestsPerRun: REQUESTS,
      accordAuditOn: { at32: accordOn.full, at16: accordOn.half },
      accordAuditOff: { at32: accordOff.full, at16: accordOff.half },
      bareFastifySqlite: { at32: peer.full, at16: peer.half },
      ratios: {
        auditOnOverBare: ratio(accordOn.full.requestsPerSecond, peer.full.requestsPerSecond),
        auditOnOverAuditOff: ratio(accordOn.full.requestsPerSecond, accordOff.full.requestsPerSecond),
        // CPU time per request, Accord over the peer (lower is better; the load generator is in both).
        cpuPerRequestAuditOnOverBare: ratio(accordOn.full.cpuMsPerRequest, peer.full.cpuMsPerRequest),
      },
      rounds: {
        auditOn: on.map((x) => x.full.requestsPerSecond),
        auditOff: off.map((x) => x.full.requestsPerSecond),
        bare: bare.map((x) => x.full.requestsPerSecond),
      },
      elapsedSeconds: Math.round((performance.now() - started) / 100) / 10,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
