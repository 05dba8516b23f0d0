/** The `accord audit` commands: verify the log, and rotate its signing key. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { isMigrated, migrateToLatest } from '../db/database.ts';
import { listHeads } from '../modules/audit/audit.repository.ts';
import { anchorFileFor, readAnchorFile } from '../modules/audit/head-anchor.ts';
import { rotateSigningKeyRecorded } from '../modules/audit/key-rotation.service.ts';
import {
  publicKeyFromPem,
  SIGNING_KEY_FILE,
  type SignedTreeHead,
  type VerifyingKey,
} from '../modules/audit/tree-head.ts';
import { loadTrustedKeys, NoSigningKeyError } from '../modules/audit/trusted-keys.ts';
import { recordVerificationRun } from '../modules/audit/verification-runs.ts';
import { verifyAuditLog } from '../modules/audit/verify.ts';
import { cliContext, withDatabase } from './cli-context.ts';
import { CliError } from './cli-error.ts';
import { progressBar } from './progress.ts';

/** The PEM texts in a --public-key file: PEM as it is, or the JSON of /audit/public-key or /audit/public-keys. */
function pemsIn(text: string): unknown[] {
  let served: unknown;
  try {
    served = JSON.parse(text);
  } catch {
    return [text];
  }
  const keys = Array.isArray(served) ? served : [served];
  return keys.map((k) =>
    typeof k === 'object' && k !== null && 'publicKeyPem' in k ? k.publicKeyPem : null,
  );
}

function readPublicKeyFile(file: string): VerifyingKey[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new CliError(`--public-key ${file} cannot be read`);
  }
  const pems = pemsIn(text);
  if (pems.length === 0) throw new CliError(`--public-key ${file} holds no key`);
  return pems.map((pem) => {
    try {
      if (typeof pem !== 'string') throw new Error('not a PEM public key');
      return publicKeyFromPem(pem);
    } catch (error) {
      throw new CliError(`--public-key ${file} is ${error instanceof Error ? error.message : 'unusable'}`);
    }
  });
}

function keyDirTrustedKeys(dir: string): VerifyingKey[] {
  try {
    return loadTrustedKeys(dir);
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : 'the signing keys cannot be read');
  }
}

/**
 * `accord audit verify`: recomputes the log and checks every head against the trusted keys, and
 * records the run (when, tree size, root, result) for the evidence pack.
 */
export async function auditVerify(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      head: { type: 'string', multiple: true },
      json: { type: 'boolean' },
      'public-key': { type: 'string', multiple: true },
    },
  });
  const externalHeads = (values.head ?? []).map((file) => {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as SignedTreeHead;
    } catch {
      throw new CliError(`--head ${file} is not a readable JSON tree head`);
    }
  });
  const config = loadConfig();
  const { database: where } = config;
  // Opening a SQLite path that is not there would create an empty database, and an empty log verifies.
  if (where.kind === 'sqlite' && where.file !== ':memory:' && !existsSync(where.file))
    throw new CliError(`there is no database at ${where.file} (DATABASE_URL): no audit log to verify`);
  // Verification never creates a key: against a new one every real head would look forged.
  const keyFiles = values['public-key'] ?? [];
  const anchoredHead = readAnchorFile(anchorFileFor(config.keyDir, config.database));
  // The server makes the signing key when it first starts: straight after 'accord demo' there is no key
  // and nothing signed yet, so the entries and tree are checked alone. Once a head exists, a missing key
  // is an error again.
  const unsigned = keyFiles.length === 0 && !existsSync(join(config.keyDir, SIGNING_KEY_FILE));
  let headless = false;
  const report = await withDatabase(
    async (database) => {
      // A database Accord never migrated (an empty file or schema) holds no log: migrating it here would
      // write to it, and its empty log would verify.
      if (!(await isMigrated(database)))
        throw new CliError(
          'the database DATABASE_URL names holds no Accord audit log (Accord has never been set up in it): nothing to verify',
        );
      await migrateToLatest(database);
      headless = unsigned && anchoredHead === null && (await listHeads(database.db, 1)).length === 0;
      const keys = headless
        ? []
        : keyFiles.length === 0
          ? keyDirTrustedKeys(config.keyDir)
          : keyFiles.flatMap(readPublicKeyFile);
      const verified = await verifyAuditLog(database, keys, {
        externalHeads,
        anchoredHead,
        onProgress: progressBar('Verifying audit log'),
        // A SQLite file is read on a second thread while this one hashes; an in-memory database cannot be
        // opened twice, and PostgreSQL is read here.
        ...(where.kind === 'sqlite' && where.file !== ':memory:' ? { readerThreadFile: where.file } : {}),
      });
      // The evidence pack reports this record rather than walking the log inside a request.
      await recordVerificationRun(database.db, verified, new Date());
      return verified;
    },
    { migrate: false },
  );
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else if (report.ok) {
    process.stdout.write(
      `Audit log verified: ${report.entriesChecked} entries, ${report.nodesChecked} tree nodes, ${report.headsChecked} signed heads; ${report.pending} entries waiting to be sequenced.\n`,
    );
    if (headless)
      process.stdout.write(
        'No tree head is signed yet: the server makes its signing key and signs the first head when it starts.\n',
      );
  }
  if (!report.ok) {
    process.stderr.write(
      `accord: audit log does NOT verify: ${report.problem?.message ?? 'unknown problem'} (${report.problem?.at ?? ''})\n`,
    );
    process.exitCode = 1;
  }
}

/** `accord audit rotate-key`: retires the signing key in ACCORD_KEY_DIR, makes a new one and logs it. */
export async function auditRotateKey(args: string[]): Promise<void> {
  parseArgs({ args, options: {} });
  const { keyDir } = loadConfig();
  const rotation = await withDatabase((database) =>
    rotateSigningKeyRecorded(cliContext(database), keyDir).catch((error: unknown) => {
      // Nothing to rotate is the operator's input, not a failure of Accord.
      if (error instanceof NoSigningKeyError) throw new CliError(error.message);
      throw error;
    }),
  );
  process.stdout.write(
    [
      `Rotated the tree head signing key in ${keyDir}.`,
      `  Retired key: ${rotation.retiredKeyId}`,
      `               (its public key is kept in ${rotation.retiredKeyFile}; its private key is gone)`,
      `  New key:     ${rotation.newKeyId}`,
      'Running servers keep signing with the retired key until they are restarted: restart every server',
      'that uses this key directory. Heads signed with the retired key still verify, here and at',
      '/api/v1/audit/public-keys, because its public key stays trusted.',
      '',
    ].join('\n'),
  );
}
