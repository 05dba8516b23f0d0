import { buildApp } from './app.ts';
import { loadDemoAtStart, printDemoLogins } from './cli/demo-start.ts';
import { loadConfig } from './config.ts';
import { migrateToLatest, openDatabase } from './db/database.ts';
import { startBackgroundJobs } from './jobs.ts';
import { openAuditCommitter } from './modules/audit/audit-committer.ts';
import { AuditWriter } from './modules/audit/audit-writer.ts';
import { anchorFileFor, fileHeadAnchor } from './modules/audit/head-anchor.ts';
import { AuditIntegrityError } from './modules/audit/sequencer-guard.ts';
import { openAuditSequencer } from './modules/audit/sequencer-thread.ts';
import { loadOrCreateSigningKey } from './modules/audit/tree-head.ts';
import { loadTrustedKeys } from './modules/audit/trusted-keys.ts';

// How long shutdown waits for audit entries to commit; then they fail and their requests with them.
const SHUTDOWN_GRACE_MS = 15_000;
// Past this the process ends whatever still hangs (a dead database), with a failure status.
const SHUTDOWN_HARD_LIMIT_MS = 30_000;

/** Starts Accord: config -> database -> migrations -> demo (when allowed and empty) -> HTTP; stops cleanly on signals. */
export async function serve(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config.database);
  await migrateToLatest(database);
  if (await loadDemoAtStart(database, config)) printDemoLogins(config.demoPassword);
  const signingKey = loadOrCreateSigningKey(config.keyDir);
  // Heads signed before a rotation verify under the retired keys kept beside the current one.
  const trustedKeys = loadTrustedKeys(config.keyDir);
  // The last signed head is anchored beside the key, out of reach of whoever can write the database.
  // Every process sharing a PostgreSQL database must share this key directory.
  const anchorFile = anchorFileFor(config.keyDir, config.database);
  const anchor = fileHeadAnchor(anchorFile);
  // Group commits run off the event loop, on a connection of their own.
  const audit = new AuditWriter(database, { committer: await openAuditCommitter(config.database, database) });
  const app = await buildApp({
    database,
    audit,
    signingKey,
    trustedKeys,
    headAnchor: anchor,
    logLevel: config.logLevel,
    secureCookies: config.secureCookies,
    sessionIdleMinutes: config.sessionIdleMinutes,
    trustedProxy: config.trustedProxy,
  });
  let lastFailure = { message: '', at: 0 };
  // Sequencing (leaf hashes, tree nodes, signed heads) runs on a thread of its own, off the event loop.
  const sequencer = await openAuditSequencer(
    config.database,
    database,
    { signingKey, anchorFile },
    {
      onError: (error) => {
        // An integrity refusal is logged in full (sizes and a file path, never personal data): an operator
        // must act. It recurs every pass until then, so the same one is repeated once a minute at most.
        const message = error instanceof AuditIntegrityError ? error.message : 'audit sequencing failed';
        const now = Date.now();
        if (message === lastFailure.message && now - lastFailure.at < 60_000) return;
        lastFailure = { message, at: now };
        app.log.error({ err: { type: error instanceof Error ? error.name : 'unknown' } }, message);
      },
    },
  );
  sequencer.start();
  const jobs = startBackgroundJobs(database, audit, (job, error) =>
    app.log.error(
      { job, err: { type: error instanceof Error ? error.name : 'unknown' } },
      'background job failed',
    ),
  );
  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const deadline = Date.now() + SHUTDOWN_GRACE_MS;
    setTimeout(() => {
      app.log.error('shutdown did not finish in time; exiting');
      process.exit(1);
    }, SHUTDOWN_HARD_LIMIT_MS).unref();
    // Given before app.close(), whose onClose hook drains the writer too: the deadline bounds every drain,
    // so a locked audit table cannot hold shutdown (waiting entries fail, and their requests with them).
    const draining = audit.drain({ deadline });
    await jobs.stop();
    await app.close();
    if (!(await draining) || !(await audit.drain({ deadline })))
      app.log.error('audit entries still waiting at the shutdown deadline were refused');
    await audit.close();
    await sequencer.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
}

if (import.meta.main) {
  serve().catch((error: unknown) => {
    process.stderr.write(`accord: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
