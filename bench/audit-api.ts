/**
 * The API half of bench/audit.ts: governed record reads over real keep-alive HTTP on 127.0.0.1, with
 * the audit log on (AuditWriter, committing on the server's own committer, and the sequencer running)
 * and off (a writer that stores nothing).
 */
import { Agent, request } from 'node:http';
import { buildApp } from '../src/server/app.ts';
import type { Database } from '../src/server/db/database.ts';
import { loadDemo } from '../src/server/demo/load-demo.ts';
import type { AuditCommitter } from '../src/server/modules/audit/audit-committer.ts';
import { AuditWriter } from '../src/server/modules/audit/audit-writer.ts';
import { AuditSequencer } from '../src/server/modules/audit/sequencer.ts';
import type { SigningKey } from '../src/server/modules/audit/tree-head.ts';

/** A database to serve from and how durable its commits are. */
export interface ApiSite {
  database: Database;
  durability: string;
  /** The committer the server would run this database's group commits on. */
  openCommitter(): Promise<AuditCommitter>;
  /** A second handle on the same database that prepares every statement afresh (SQLite only). */
  openUncached?(): Promise<Database>;
  close(): Promise<void>;
}

const progress = (message: string) => process.stderr.write(`bench/audit: ${message}\n`);
const perSecond = (count: number, ms: number) => Math.round(count / (ms / 1000));
const API = { people: 60, requests: 2_000, concurrency: 32, rounds: 3 } as const;

/** GETs `paths` over keep-alive HTTP with bounded concurrency; requests per second, all must be 200. */
async function drive(
  base: string,
  cookie: string,
  paths: readonly string[],
  concurrency: number,
): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const get = (path: string) =>
    new Promise<void>((resolve, reject) => {
      const req = request(`${base}${path}`, { agent, headers: { cookie } }, (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`)),
        );
      });
      req.on('error', reject);
      req.end();
    });
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < paths.length) await get(paths[next++] ?? '');
    }),
  );
  const ms = performance.now() - start;
  agent.destroy();
  return perSecond(paths.length, ms);
}

/** Serves the API on a demo database with the given writer; returns reads per second. */
async function apiRun(
  database: Database,
  on: boolean,
  key: SigningKey,
  openCommitter: () => Promise<AuditCommitter>,
): Promise<number> {
  // The "off" writer keeps the shape of AuditWriter and stores nothing: the API without its log.
  const off = {
    append: async () => undefined,
    appendInTransaction: async () => undefined,
    drain: async () => undefined,
    close: async () => undefined,
  };
  const audit = on
    ? new AuditWriter(database, { committer: await openCommitter() })
    : (off as unknown as AuditWriter);
  const app = await buildApp({ database, audit, signingKey: key, logLevel: 'silent', web: false });
  const sequencer = on ? new AuditSequencer(database, key) : null;
  sequencer?.start();
  try {
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'cc.amara', password: 'demo' }),
    });
    const cookie =
      login.headers
        .getSetCookie()
        .find((c) => c.startsWith('accord_session='))
        ?.split(';')[0] ?? '';
    const caseload = (await (
      await fetch(`${base}/api/v1/people?pageSize=100`, { headers: { cookie } })
    ).json()) as {
      items: { id: string }[];
    };
    if (caseload.items.length === 0) throw new Error('the demo care coordinator has an empty caseload');
    const paths = Array.from(
      { length: API.requests },
      (_, i) => `/api/v1/people/${caseload.items[i % caseload.items.length]?.id}`,
    );
    await drive(base, cookie, paths.slice(0, 300), API.concurrency);
    return await drive(base, cookie, paths, API.concurrency);
  } finally {
    await app.close();
    await audit.close();
    await sequencer?.stop();
  }
}

/** Reads per second of the API with the log on and off, alternating rounds on one demo database. */
export async function apiBench(key: SigningKey, openSite: () => Promise<ApiSite>) {
  const site = await openSite();
  try {
    await loadDemo(site.database, { password: 'demo', people: API.people });
    const uncachedDatabase = await site.openUncached?.();
    const on: number[] = [];
    const off: number[] = [];
    const uncached: number[] = [];
    // Alternating rounds, so warm-up and a growing database do not favour either side.
    for (let round = 0; round < API.rounds; round++) {
      off.push(await apiRun(site.database, false, key, site.openCommitter));
      on.push(await apiRun(site.database, true, key, site.openCommitter));
      if (uncachedDatabase) uncached.push(await apiRun(uncachedDatabase, true, key, site.openCommitter));
      progress(
        `API round ${round + 1}: log off ${off.at(-1)}/s, log on ${on.at(-1)}/s, log on without statement cache ${uncached.at(-1) ?? '-'}/s`,
      );
    }
    await uncachedDatabase?.close();
    // Best of the rounds: on a shared machine, other work only ever slows a round down.
    const best = (xs: number[]) => Math.max(...xs);
    return {
      engine: `sqlite (${site.durability})`,
      request: 'GET /api/v1/people/:id as a care coordinator (decision per category, 1+ audit entries)',
      requests: API.requests,
      concurrency: API.concurrency,
      readsPerSecondLogOn: best(on),
      readsPerSecondLogOff: best(off),
      logOnOverOff: Math.round((best(on) / best(off)) * 100) / 100,
      ...(uncached.length > 0
        ? {
            readsPerSecondLogOnWithoutStatementCache: best(uncached),
            statementCacheSpeedup: Math.round((best(on) / best(uncached)) * 100) / 100,
          }
        : {}),
      rounds: {
        logOn: on,
        logOff: off,
        ...(uncached.length > 0 ? { logOnWithoutStatementCache: uncached } : {}),
      },
    };
  } finally {
    await site.close();
  }
}
