/** Stored signed heads read in size order, a page at a time, for the leaf walk to check as it reaches them. */
import type { Db } from '../../db/database.ts';
import { headPage } from './audit.repository.ts';
import type { AuditTreeHeadRow } from './audit.tables.ts';
import type { SignedTreeHead } from './tree-head.ts';

const HEAD_PAGE = 1000;

/** A stored head row as the signed statement it is. */
export function toSignedHead(row: AuditTreeHeadRow): SignedTreeHead {
  return {
    treeSize: Number(row.tree_size),
    rootHash: row.root_hash,
    timestamp: row.signed_at,
    signature: row.signature,
    keyId: row.key_id,
  };
}

/** A cursor over the stored heads by tree size (keyset pages), holding one page at most. */
export class StoredHeads {
  readonly #db: Db;
  #page: AuditTreeHeadRow[] = [];
  #at = 0;
  #after: number | null = null;
  #done = false;

  constructor(db: Db) {
    this.#db = db;
  }

  /** The size of the next head, or null when none is left. */
  async peekSize(): Promise<number | null> {
    if (this.#at >= this.#page.length && !this.#done) {
      this.#page = await headPage(this.#db, this.#after, HEAD_PAGE);
      this.#at = 0;
      if (this.#page.length < HEAD_PAGE) this.#done = true;
      const last = this.#page.at(-1);
      if (last) this.#after = Number(last.tree_size);
    }
    const next = this.#page[this.#at];
    return next ? Number(next.tree_size) : null;
  }

  /** The next head, or null when none is left. */
  async take(): Promise<SignedTreeHead | null> {
    if ((await this.peekSize()) === null) return null;
    const row = this.#page[this.#at];
    this.#at += 1;
    return row ? toSignedHead(row) : null;
  }
}
