/** Test support for the audit log's tamper tests: a key, a filled log, and tampering that rolls back. */
import { generateKeyPairSync } from 'node:crypto';
import type { Database } from '../../db/database.ts';
import { AuditWriter } from './audit-writer.ts';
import type { HeadAnchor } from './head-anchor.ts';
import { sequenceOnce } from './sequencer.ts';
import { keyIdOf, type SigningKey } from './tree-head.ts';
import { type VerifyOptions, type VerifyReport, verifyAuditLog } from './verify.ts';

/** A fresh Ed25519 signing key that lives only in memory. */
export function makeKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey,
    publicKey,
    keyId: keyIdOf(publicKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** First instant of the filled log's entries. */
export const LOG_START = new Date('2026-11-01T09:00:00.000Z');

/**
 * Appends `size` entries (every fifth a denial) concurrently, so they are group-committed, then sequences
 * them in batches of 16 with a forced head after each: heads at 16, 32, ... and at size.
 */
export async function fillLog(
  database: Database,
  key: SigningKey,
  size: number,
  anchor?: HeadAnchor,
): Promise<void> {
  const writer = new AuditWriter(database);
  await Promise.all(
    Array.from({ length: size }, (_, i) =>
      writer.append(
        [
          {
            action: 'record.view',
            outcome: i % 5 === 0 ? 'deny' : 'permit',
            personId: crypto.randomUUID(),
            categories: ['CRISIS_PLAN'],
            reasons: ['PERMIT_CARE_TEAM'],
          },
        ],
        new Date(LOG_START.getTime() + i),
        `req-${i}`,
      ),
    ),
  );
  for (let i = 0; i < Math.ceil(size / 16); i++)
    await sequenceOnce(
      database,
      { ...key, ...(anchor ? { anchor } : {}) },
      new Date(LOG_START.getTime() + 10_000 * (i + 1)),
      {
        batch: 16,
        forceHead: true,
      },
    );
}

class Rollback extends Error {}

/** Runs work in a transaction, handed to it as a Database, and rolls everything back. */
export async function inRollback<T>(database: Database, work: (tx: Database) => Promise<T>): Promise<T> {
  let result: { value: T } | undefined;
  await database.db
    .transaction()
    .execute(async (tx) => {
      result = { value: await work({ db: tx, engine: database.engine, close: async () => undefined }) };
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  if (!result) throw new Error('no result');
  return result.value;
}

/** Runs a tampering in a transaction, verifies inside it, and rolls everything back. */
export function tampered(
  database: Database,
  key: SigningKey,
  tamper: (db: Database['db']) => Promise<void>,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  return inRollback(database, async (tx) => {
    await tamper(tx.db);
    return verifyAuditLog(tx, [key], options);
  });
}

/**
 * Moves the last byte of level-0 node `index`'s stored text to the front of its neighbour's. Read a
 * page at a time as one concatenation, the level still says the same: only a check that counts where
 * one node ends and the next begins can tell.
 */
export async function shiftNodeText(db: Database['db'], index: number): Promise<void> {
  const [first, second] = (
    await db
      .selectFrom('audit_tree_nodes')
      .select('hash')
      .where('level', '=', 0)
      .where('idx', 'in', [index, index + 1])
      .orderBy('idx')
      .execute()
  ).map((n) => n.hash);
  if (!first || !second) throw new Error(`no level-0 nodes at ${index} and ${index + 1}`);
  await db
    .updateTable('audit_tree_nodes')
    .set({ hash: first.slice(0, -2) })
    .where('level', '=', 0)
    .where('idx', '=', index)
    .execute();
  await db
    .updateTable('audit_tree_nodes')
    .set({ hash: first.slice(-2) + second })
    .where('level', '=', 0)
    .where('idx', '=', index + 1)
    .execute();
}

/** Appends `count` record views at once, so they are group-committed, each for a different person. */
export async function appendViews(database: Database, count: number): Promise<void> {
  const writer = new AuditWriter(database);
  await Promise.all(
    Array.from({ length: count }, () =>
      writer.append(
        [{ action: 'record.view', outcome: 'permit', personId: crypto.randomUUID() }],
        new Date(),
        null,
      ),
    ),
  );
}
