/**
 * The last signed tree head's size and root, kept OUTSIDE the database beside the signing key.
 *
 * Whoever can write the database (but not the key directory) could otherwise rewrite an entry, recompute
 * every hash, delete the signed heads and let the sequencer sign the forged tree with the real key. The
 * sequencer refuses to sign a tree that does not extend the anchored head, so a rewrite made with database
 * access alone can no longer be laundered into a validly signed history.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseConfig } from '../../config.ts';
import { writeFileAtomically } from './atomic-file.ts';

/** The tree size and root hash (lower-case hex) of the last head signed. */
export interface AnchoredHead {
  readonly treeSize: number;
  readonly rootHash: string;
}

/** Where the sequencer keeps the last head it signed; out of reach of the database's writers. */
export interface HeadAnchor {
  /** Where the anchor lives, for error messages (a file path, or "memory"). */
  readonly location: string;
  /** The anchored head, or null when none was ever written; throws if it cannot be read. */
  read(): Promise<AnchoredHead | null>;
  /** Records a newly signed head; never moves the anchor back to a smaller tree. */
  write(head: AnchoredHead): Promise<void>;
}

/** File name prefix of anchors inside the key directory. */
export const HEAD_ANCHOR_PREFIX = 'last-signed-head';

/**
 * The anchor file for one database in the key directory. Named after the database's configured location,
 * not anything stored in it, so a key directory reused for a second database (SQLite and PostgreSQL both
 * default to data/keys) does not lock that database out, and rewriting the database cannot pick the file.
 */
export function anchorFileFor(keyDir: string, database: DatabaseConfig): string {
  let location: string;
  if (database.kind === 'sqlite') location = `sqlite:${database.file}`;
  else {
    const url = new URL(database.url);
    // Credentials and most options vary between processes reaching the same database; the schema does not.
    location = `postgres://${url.hostname.toLowerCase()}:${url.port || '5432'}${url.pathname}?${url.searchParams.get('options') ?? ''}`;
  }
  const tag = createHash('sha256').update(location).digest('hex').slice(0, 16);
  return join(keyDir, `${HEAD_ANCHOR_PREFIX}-${tag}.json`);
}

/** Parses an anchor's JSON text; throws naming the problem if it is not a well-formed anchor. */
export function parseAnchor(text: string, location: string): AnchoredHead {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`the signed-head anchor ${location} is not valid JSON`);
  }
  const head = value as Partial<AnchoredHead> | null;
  if (
    typeof head !== 'object' ||
    head === null ||
    !Number.isSafeInteger(head.treeSize) ||
    (head.treeSize ?? -1) < 0 ||
    typeof head.rootHash !== 'string' ||
    !/^[0-9a-f]{64}$/.test(head.rootHash)
  ) {
    throw new Error(`the signed-head anchor ${location} is malformed`);
  }
  return { treeSize: Number(head.treeSize), rootHash: head.rootHash };
}

/** Reads an anchor file without ever creating it: null when absent. */
export function readAnchorFile(file: string): AnchoredHead | null {
  if (!existsSync(file)) return null;
  return parseAnchor(readFileSync(file, 'utf8'), file);
}

/** An anchor kept in a file (owner-only), replaced atomically and fsynced with its directory. */
export function fileHeadAnchor(file: string): HeadAnchor {
  return {
    location: file,
    read: async () => readAnchorFile(file),
    write: async (head) => {
      const current = readAnchorFile(file);
      if (current && current.treeSize >= head.treeSize) return;
      writeFileAtomically(file, `${JSON.stringify({ treeSize: head.treeSize, rootHash: head.rootHash })}\n`);
    },
  };
}

/** An anchor in memory (tests, and tools that sign throwaway logs). */
export function memoryHeadAnchor(initial: AnchoredHead | null = null): HeadAnchor {
  let current = initial;
  return {
    location: 'memory',
    read: async () => current,
    write: async (head) => {
      if (!current || current.treeSize < head.treeSize) current = { ...head };
    },
  };
}
