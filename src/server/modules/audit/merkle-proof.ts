/**
 * RFC 9162 subtree hashes, inclusion and consistency proofs, and their verification.
 *
 * Proofs are folds of perfect nodes read from a NodeHashSource, so a store of perfect nodes can serve
 * any proof for any past tree size; the *ProofNodes functions list those nodes for a batched fetch.
 */
import {
  ceilPow2,
  emptyRoot,
  equalHashes,
  floorLog2,
  foldRight,
  half,
  hashChildren,
  isHash,
  isHashList,
  isOdd,
  isPow2,
  isSize,
  splitPoint,
} from './merkle-hash.ts';
import type { NodeAddress, NodeHashSource } from './merkle-source.ts';

/** A leaf range [begin, end) that is a subtree of an RFC 9162 tree. */
interface Range {
  readonly begin: number;
  readonly end: number;
}

/** Perfect nodes, left to right, whose right fold is MTH(D[begin:end]); throws unless a subtree range. */
export function rangeNodes(begin: number, end: number): NodeAddress[] {
  const width = end - begin;
  if (!isSize(begin) || !isSize(end) || width <= 0 || begin % ceilPow2(width) !== 0) {
    throw new RangeError(`[${begin}, ${end}) is not a Merkle subtree range`);
  }
  const nodes: NodeAddress[] = [];
  // Alignment of begin to a power of two >= width makes each greedy largest block aligned too.
  for (let at = begin; at < end; ) {
    const level = floorLog2(end - at);
    nodes.push({ level, index: at / 2 ** level });
    at += 2 ** level;
  }
  return nodes;
}

/** MTH(D[begin:end]) for a subtree range, from at most log2(end-begin)+1 perfect-node hashes. */
export function subtreeHash(source: NodeHashSource, begin: number, end: number): Uint8Array {
  if (begin === 0 && end === 0) return emptyRoot();
  const hashes = rangeNodes(begin, end).map((node) => source.nodeHash(node.level, node.index));
  return foldRight(hashes) ?? emptyRoot();
}

/** RFC 9162 §2.1.3.1 PATH(leafIndex, D[0:treeSize]): sibling hashes from the leaf up. */
export function inclusionProof(source: NodeHashSource, leafIndex: number, treeSize: number): Uint8Array[] {
  return inclusionRanges(leafIndex, treeSize).map((range) => subtreeHash(source, range.begin, range.end));
}

/** RFC 9162 §2.1.4.1 PROOF(firstSize, D[0:secondSize]); empty when firstSize is 0 or equals secondSize. */
export function consistencyProof(
  source: NodeHashSource,
  firstSize: number,
  secondSize: number,
): Uint8Array[] {
  return consistencyRanges(firstSize, secondSize).map((range) => subtreeHash(source, range.begin, range.end));
}

/** Perfect nodes an inclusion proof reads, so an asynchronous store can fetch them in one query. */
export function inclusionProofNodes(leafIndex: number, treeSize: number): NodeAddress[] {
  return inclusionRanges(leafIndex, treeSize).flatMap((range) => rangeNodes(range.begin, range.end));
}

/** Perfect nodes a consistency proof reads, so an asynchronous store can fetch them in one query. */
export function consistencyProofNodes(firstSize: number, secondSize: number): NodeAddress[] {
  return consistencyRanges(firstSize, secondSize).flatMap((range) => rangeNodes(range.begin, range.end));
}

/** Root implied by an inclusion proof (RFC 9162 §2.1.3.2 steps 1-4), or undefined if its shape is wrong. */
export function rootFromInclusionProof(
  leafHash: Uint8Array,
  leafIndex: number,
  treeSize: number,
  proof: readonly Uint8Array[],
): Uint8Array | undefined {
  if (!isHash(leafHash) || !isSize(leafIndex) || !isSize(treeSize) || leafIndex >= treeSize) return undefined;
  if (!isHashList(proof)) return undefined;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return undefined;
    if (isOdd(fn) || fn === sn) {
      r = hashChildren(p, r);
      while (!isOdd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      r = hashChildren(r, p);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 ? r : undefined;
}

/** RFC 9162 §2.1.3.2: does the proof show leafHash at leafIndex in the tree of treeSize with this root? */
export function verifyInclusion(
  leafHash: Uint8Array,
  leafIndex: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  try {
    const computed = rootFromInclusionProof(leafHash, leafIndex, treeSize, proof);
    return computed !== undefined && isHash(root) && equalHashes(computed, root);
  } catch {
    // Hostile inputs (throwing getters, proxies) are a failed proof, never an exception.
    return false;
  }
}

/** RFC 9162 §2.1.4.2: does the proof show the tree (firstSize, firstRoot) is a prefix of (secondSize, secondRoot)? */
export function verifyConsistency(
  firstSize: number,
  secondSize: number,
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  try {
    return checkConsistency(firstSize, secondSize, firstRoot, secondRoot, proof);
  } catch {
    return false;
  }
}

function checkConsistency(
  firstSize: number,
  secondSize: number,
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!isSize(firstSize) || !isSize(secondSize) || firstSize > secondSize) return false;
  if (!isHash(firstRoot) || !isHash(secondRoot) || !isHashList(proof)) return false;
  // RFC 9162 defines proofs for 0 < first < second; the edge cases need an empty proof.
  if (firstSize === 0) return proof.length === 0 && equalHashes(firstRoot, emptyRoot());
  if (firstSize === secondSize) return proof.length === 0 && equalHashes(firstRoot, secondRoot);
  if (proof.length === 0) return false;
  const path = isPow2(firstSize) ? [firstRoot, ...proof] : proof;
  let fn = firstSize - 1;
  let sn = secondSize - 1;
  while (isOdd(fn)) [fn, sn] = [half(fn), half(sn)];
  const [seed, ...rest] = path;
  if (!seed) return false;
  let fr = seed;
  let sr = seed;
  for (const c of rest) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (!isOdd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      sr = hashChildren(sr, c);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 && equalHashes(fr, firstRoot) && equalHashes(sr, secondRoot);
}

/** PATH's subtree ranges, leaf end first; RFC 9162's recursion unrolled into a walk from the root. */
function inclusionRanges(leafIndex: number, treeSize: number): Range[] {
  if (!isSize(leafIndex) || !isSize(treeSize) || leafIndex >= treeSize) {
    throw new RangeError(`leaf ${leafIndex} is not in a tree of size ${treeSize}`);
  }
  const ranges: Range[] = [];
  let [offset, m, n] = [0, leafIndex, treeSize];
  while (n > 1) {
    const k = splitPoint(n);
    if (m < k) {
      ranges.push({ begin: offset + k, end: offset + n });
      n = k;
    } else {
      ranges.push({ begin: offset, end: offset + k });
      [offset, m, n] = [offset + k, m - k, n - k];
    }
  }
  return ranges.reverse();
}

/** SUBPROOF's subtree ranges in proof order; RFC 9162's recursion unrolled into a walk from the root. */
function consistencyRanges(firstSize: number, secondSize: number): Range[] {
  if (!isSize(firstSize) || !isSize(secondSize) || firstSize > secondSize) {
    throw new RangeError(`no consistency proof from size ${firstSize} to ${secondSize}`);
  }
  if (firstSize === 0) return [];
  const ranges: Range[] = [];
  let [offset, m, n, isFirstRoot] = [0, firstSize, secondSize, true];
  while (m !== n) {
    const k = splitPoint(n);
    if (m <= k) {
      ranges.push({ begin: offset + k, end: offset + n });
      n = k;
    } else {
      ranges.push({ begin: offset, end: offset + k });
      [offset, m, n, isFirstRoot] = [offset + k, m - k, n - k, false];
    }
  }
  // The verifier already holds the old root, so it is sent only when it is not the subtree reached.
  if (!isFirstRoot) ranges.push({ begin: offset, end: offset + n });
  return ranges.reverse();
}
