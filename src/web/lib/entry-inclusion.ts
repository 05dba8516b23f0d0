import type { AuditEntryDto, SignedTreeHeadDto } from '../../contracts/audit.ts';
import { entryLeafBytes } from './audit-leaf.ts';
import { type Bytes, bytesToHex, hashLeaf, hexToBytes, verifyInclusion } from './merkle-verify.ts';
import { type PublishedKey, type SignatureCheck, verifyTreeHeadWithKeys } from './tree-head-verify.ts';

/** An inclusion proof as GET /audit/proofs/inclusion returns it. */
export interface InclusionProofDto {
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  proof: string[];
}

/** What checking an entry against a signed tree head found. */
export type InclusionCheck =
  | { status: 'verified'; treeSize: number; leafHash: string; signature: SignatureCheck }
  /** The entry as shown hashes to something other than the leaf the log holds at its index. */
  | { status: 'entry-mismatch'; treeSize: number }
  /** The proof does not lead from the leaf to the head's root. */
  | { status: 'proof-failed'; treeSize: number }
  /** The head's signature is not by a key the log publishes: nothing it covers can be trusted. */
  | { status: 'head-unsigned'; treeSize: number };

/**
 * Checks, in the browser, that this entry is in the tree the signed head describes: rebuild the
 * entry's leaf, hash it, walk the proof to a root, compare with the head, and check the head's
 * Ed25519 signature against the published key it names.
 */
export async function checkEntryInclusion(
  entry: AuditEntryDto,
  head: SignedTreeHeadDto,
  proof: InclusionProofDto,
  keys: readonly PublishedKey[],
): Promise<InclusionCheck> {
  const treeSize = head.treeSize;
  const signature = await verifyTreeHeadWithKeys(head, keys);
  if (signature === 'invalid') return { status: 'head-unsigned', treeSize };
  if (entry.leafIndex === null) return { status: 'proof-failed', treeSize };
  const leafHash = await hashLeaf(entryLeafBytes(entry, entry.leafIndex));
  if (bytesToHex(leafHash) !== proof.leafHash.toLowerCase()) return { status: 'entry-mismatch', treeSize };
  const path = proof.proof.map(hexToBytes);
  const root = hexToBytes(head.rootHash);
  const nodes = path.filter((p): p is Bytes => p !== null);
  if (!root || nodes.length !== path.length || proof.treeSize !== treeSize)
    return { status: 'proof-failed', treeSize };
  const ok = await verifyInclusion(leafHash, entry.leafIndex, treeSize, nodes, root);
  return ok
    ? { status: 'verified', treeSize, leafHash: bytesToHex(leafHash), signature }
    : { status: 'proof-failed', treeSize };
}
