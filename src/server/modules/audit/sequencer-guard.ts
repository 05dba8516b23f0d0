/**
 * Checks the sequencer makes before it extends or signs the tree. The database is not trusted: a writer
 * without the signing key could rewind or rewrite it, and the sequencer would otherwise sign the result.
 */
import type { Db } from '../../db/database.ts';
import { findHead, loadNodes } from './audit.repository.ts';
import type { AuditStateRow } from './audit.tables.ts';
import type { HeadAnchor } from './head-anchor.ts';
import {
  consistencyProof,
  consistencyProofNodes,
  decodeFrontier,
  emptyFrontier,
  emptyRoot,
  encodeFrontier,
  fromHex,
  frontierAt,
  type MerkleFrontier,
  rangeNodes,
  storedNodeSource,
  subtreeHash,
  toHex,
  verifyConsistency,
} from './merkle.ts';

/** The stored log contradicts itself or the last head signed: nothing is sequenced or signed until resolved. */
export class AuditIntegrityError extends Error {
  /** Stable code, so logs can name the failure without its message. */
  readonly code = 'AUDIT_INTEGRITY';

  constructor(problem: string) {
    super(`audit log integrity: ${problem}. Nothing was signed; run accord audit verify.`);
    this.name = 'AuditIntegrityError';
  }
}

/** The frontier of the tree of this size rebuilt from the stored perfect nodes; throws if any is missing. */
async function storedFrontier(tx: Db, size: number): Promise<MerkleFrontier> {
  if (size === 0) return emptyFrontier();
  try {
    return frontierAt(storedNodeSource(await loadNodes(tx, rangeNodes(0, size))), size);
  } catch (error) {
    if (error instanceof RangeError)
      throw new AuditIntegrityError(`the stored tree nodes for the first ${size} entries are incomplete`);
    throw error;
  }
}

/**
 * The sequencer state's frontier, after checking that the stored perfect nodes reproduce it: appending to a
 * frontier nobody checked would fold a forged summary into every later root.
 */
export async function checkedFrontier(
  tx: Db,
  state: Pick<AuditStateRow, 'tree_size' | 'frontier'>,
): Promise<MerkleFrontier> {
  const size = Number(state.tree_size);
  if (!Number.isSafeInteger(size) || size < 0)
    throw new AuditIntegrityError(`the sequencer state's tree size ${state.tree_size} is not a size`);
  if (state.frontier === '' && size > 0)
    throw new AuditIntegrityError(`the sequencer state records ${size} sequenced entries but no frontier`);
  let frontier = emptyFrontier();
  if (state.frontier !== '') {
    try {
      frontier = decodeFrontier(state.frontier);
    } catch {
      throw new AuditIntegrityError("the sequencer state's frontier is malformed");
    }
  }
  if (frontier.size !== size)
    throw new AuditIntegrityError(
      `the sequencer state's frontier covers ${frontier.size} entries, its tree size says ${size}`,
    );
  if (encodeFrontier(await storedFrontier(tx, size)) !== encodeFrontier(frontier))
    throw new AuditIntegrityError("the sequencer state's frontier disagrees with the stored tree nodes");
  return frontier;
}

/**
 * Refuses a tree that does not extend the anchored head: the anchored size must not exceed the new size,
 * the stored nodes must reproduce the anchored root, a consistency proof read from them must link it to the
 * root about to be signed, and the head of that size must still be stored with the anchored root.
 */
export async function checkExtendsAnchor(
  tx: Db,
  anchor: HeadAnchor,
  treeSize: number,
  rootHash: Uint8Array,
): Promise<void> {
  let anchored: Awaited<ReturnType<HeadAnchor['read']>>;
  try {
    anchored = await anchor.read();
  } catch (error) {
    throw new AuditIntegrityError(
      error instanceof Error ? error.message : 'the signed-head anchor is unreadable',
    );
  }
  if (!anchored) return;
  const m = anchored.treeSize;
  const last = `the last head signed (size ${m}, anchored in ${anchor.location})`;
  if (m > treeSize)
    throw new AuditIntegrityError(
      `the tree holds ${treeSize} entries, fewer than ${last}: entries were removed or the database was restored from an older copy (if it was deliberately replaced, move the anchor aside)`,
    );
  if (m === 0) {
    if (anchored.rootHash !== toHex(emptyRoot()))
      throw new AuditIntegrityError(`${last} has a root that is not the empty tree's`);
    return;
  }
  let linked = false;
  try {
    const nodes = storedNodeSource(
      await loadNodes(tx, [...rangeNodes(0, m), ...consistencyProofNodes(m, treeSize)]),
    );
    if (toHex(subtreeHash(nodes, 0, m)) !== anchored.rootHash)
      throw new AuditIntegrityError(
        `the stored tree nodes no longer reproduce the root of ${last}: history was rewritten`,
      );
    linked = verifyConsistency(
      m,
      treeSize,
      fromHex(anchored.rootHash),
      rootHash,
      consistencyProof(nodes, m, treeSize),
    );
  } catch (error) {
    if (error instanceof RangeError)
      throw new AuditIntegrityError(
        `the stored tree nodes needed to link the new tree to ${last} are missing`,
      );
    throw error;
  }
  if (!linked) throw new AuditIntegrityError(`the tree to be signed does not extend ${last}`);
  const head = await findHead(tx, m);
  if (!head || head.root_hash !== anchored.rootHash)
    throw new AuditIntegrityError(`${last} is missing from the database or has a different root there`);
}
