import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  appendLeaf,
  appendLeaves,
  consistencyProof,
  consistencyProofNodes,
  decodeFrontier,
  emptyFrontier,
  emptyRoot,
  encodeFrontier,
  fromHex,
  frontierAt,
  frontierRoot,
  HASH_SIZE,
  hashChildren,
  hashLeaf,
  inclusionProof,
  inclusionProofNodes,
  type MerkleFrontier,
  memoryNodeSource,
  type NodeAddress,
  type NodeHashSource,
  nodesCreatedByAppend,
  type PerfectNode,
  rangeNodes,
  rootFromInclusionProof,
  rootFromLeafHashes,
  sha256,
  storedNodeSource,
  subtreeHash,
  toHex,
  verifyConsistency,
  verifyInclusion,
} from './merkle.ts';

// The RFC 6962 test tree shared by the certificate-transparency C++/Go code and transparency-dev/merkle.
const REFERENCE_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
];
const REFERENCE_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
// Perfect-subtree hashes of the reference tree by level, then index.
const REFERENCE_NODES = [
  [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
    '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
    'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
    '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
  ],
  [
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
  ],
  [
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
  ],
  ['5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328'],
];
// Frontier (compact range) of each prefix of the reference tree, as [level, index] addresses.
const REFERENCE_FRONTIERS: [number, number][][] = [
  [],
  [[0, 0]],
  [[1, 0]],
  [
    [1, 0],
    [0, 2],
  ],
  [[2, 0]],
  [
    [2, 0],
    [0, 4],
  ],
  [
    [2, 0],
    [1, 2],
  ],
  [
    [2, 0],
    [1, 2],
    [0, 6],
  ],
  [[3, 0]],
];
const REFERENCE_INCLUSION: { index: number; size: number; proof: string[] }[] = [
  { index: 0, size: 1, proof: [] },
  { index: 0, size: 2, proof: [nodeHex(0, 1)] },
  { index: 1, size: 2, proof: [nodeHex(0, 0)] },
  { index: 2, size: 3, proof: [nodeHex(1, 0)] },
  { index: 1, size: 5, proof: [nodeHex(0, 0), nodeHex(1, 1), nodeHex(0, 4)] },
  { index: 0, size: 8, proof: [nodeHex(0, 1), nodeHex(1, 1), nodeHex(2, 1)] },
  { index: 5, size: 8, proof: [nodeHex(0, 4), nodeHex(1, 3), nodeHex(2, 0)] },
];
const REFERENCE_CONSISTENCY: { first: number; second: number; proof: string[] }[] = [
  { first: 1, second: 1, proof: [] },
  { first: 1, second: 8, proof: [nodeHex(0, 1), nodeHex(1, 1), nodeHex(2, 1)] },
  { first: 2, second: 5, proof: [nodeHex(1, 1), nodeHex(0, 4)] },
  { first: 6, second: 8, proof: [nodeHex(1, 2), nodeHex(1, 3), nodeHex(2, 0)] },
];

function nodeHex(level: number, index: number): string {
  const hex = REFERENCE_NODES[level]?.[index];
  if (hex === undefined) throw new Error(`no reference node (${level}, ${index})`);
  return hex;
}

function referenceLeafHashes(): Uint8Array[] {
  return REFERENCE_LEAVES.map((hex) => hashLeaf(fromHex(hex)));
}

/** Distinct leaf hashes for synthetic trees: the leaf data is the index as 4 big-endian bytes. */
function syntheticLeafHashes(count: number): Uint8Array[] {
  const data = Buffer.alloc(4);
  return Array.from({ length: count }, (_, i) => {
    data.writeUInt32BE(i);
    return hashLeaf(data);
  });
}

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`index ${index} out of range`);
  return item;
}

function flipByte(bytes: Uint8Array, position: number, mask = 0x01): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[position] = (copy[position] ?? 0) ^ mask;
  return copy;
}

function withFlippedElement(proof: readonly Uint8Array[], element: number, position = 0): Uint8Array[] {
  return proof.map((h, i) => (i === element ? flipByte(h, position) : h));
}

function perfectNodeCount(size: number): number {
  let count = 0;
  for (let width = 1; width <= size; width *= 2) count += Math.floor(size / width);
  return count;
}

/** A source that records which perfect nodes were read. */
function recordingSource(inner: NodeHashSource): NodeHashSource & { reads: NodeAddress[] } {
  const reads: NodeAddress[] = [];
  return {
    reads,
    nodeHash: (level, index) => {
      reads.push({ level, index });
      return inner.nodeHash(level, index);
    },
  };
}

/** A made-up but deterministic node for every address: counts reads of huge trees without hashing leaves. */
function syntheticSource(): NodeHashSource & { reads: number } {
  const source = {
    reads: 0,
    nodeHash: (level: number, index: number): Uint8Array => {
      source.reads += 1;
      return sha256(Buffer.from(`${level}/${index}`));
    },
  };
  return source;
}

/** The same tree with one leaf hash replaced: only that leaf's ancestors change. */
function tamperedSource(base: NodeHashSource, leafIndex: number, leafHash: Uint8Array): NodeHashSource {
  const memo = new Map<string, Uint8Array>();
  const nodeHash = (level: number, index: number): Uint8Array => {
    if (index !== Math.floor(leafIndex / 2 ** level)) return base.nodeHash(level, index);
    if (level === 0) return leafHash;
    const key = `${level}/${index}`;
    const known = memo.get(key);
    if (known) return known;
    const computed = hashChildren(nodeHash(level - 1, 2 * index), nodeHash(level - 1, 2 * index + 1));
    memo.set(key, computed);
    return computed;
  };
  return { nodeHash };
}

function assertPartition(leafIndex: number, treeSize: number, nodes: readonly NodeAddress[]): void {
  const ranges = nodes
    .map((node) => ({ begin: node.index * 2 ** node.level, end: (node.index + 1) * 2 ** node.level }))
    .concat([{ begin: leafIndex, end: leafIndex + 1 }])
    .sort((a, b) => a.begin - b.begin);
  let covered = 0;
  for (const range of ranges) {
    assert.equal(range.begin, covered, `gap or overlap at ${covered} in a tree of ${treeSize}`);
    covered = range.end;
  }
  assert.equal(covered, treeSize);
}

describe('hashing (RFC 9162 §2.1.1)', () => {
  test('the empty tree hashes to SHA-256 of nothing', () => {
    assert.equal(toHex(emptyRoot()), at(REFERENCE_ROOTS, 0));
    assert.equal(toHex(rootFromLeafHashes([])), at(REFERENCE_ROOTS, 0));
  });

  test('leaf and node hashes are domain-separated by their prefix byte', () => {
    const left = hashLeaf(Buffer.from('a'));
    const right = hashLeaf(Buffer.from('b'));
    assert.deepEqual(hashLeaf(Buffer.from('a')), sha256(Buffer.from([0x00, 0x61])));
    assert.deepEqual(hashChildren(left, right), sha256(Buffer.concat([Buffer.of(0x01), left, right])));
    assert.notDeepEqual(hashLeaf(Buffer.concat([left, right])), hashChildren(left, right));
  });

  test('hex helpers round-trip and reject malformed input', () => {
    assert.equal(toHex(fromHex('00ff10Ab')), '00ff10ab');
    assert.throws(() => fromHex('abc'), RangeError);
    assert.throws(() => fromHex('zz'), RangeError);
  });
});

describe('RFC 6962 reference test tree', () => {
  const leaves = referenceLeafHashes();
  const source = memoryNodeSource(leaves);

  test('roots of every prefix match, by every route', () => {
    let frontier = emptyFrontier();
    REFERENCE_ROOTS.forEach((expected, size) => {
      assert.equal(toHex(rootFromLeafHashes(leaves.slice(0, size))), expected, `rootFromLeafHashes(${size})`);
      assert.equal(toHex(frontierRoot(frontier)), expected, `frontierRoot(${size})`);
      assert.equal(toHex(subtreeHash(source, 0, size)), expected, `subtreeHash(0, ${size})`);
      if (size < leaves.length) frontier = appendLeaf(frontier, at(leaves, size));
    });
  });

  test('every perfect node matches', () => {
    REFERENCE_NODES.forEach((level, levelIndex) => {
      for (const [index, expected] of level.entries()) {
        assert.equal(toHex(source.nodeHash(levelIndex, index)), expected);
      }
    });
  });

  test('the frontier of every prefix holds the reference compact range', () => {
    let frontier = emptyFrontier();
    REFERENCE_FRONTIERS.forEach((addresses, size) => {
      const expected = addresses.map(([level, index]) => nodeHex(level, index));
      assert.deepEqual(frontier.hashes.map(toHex), expected, `frontier of size ${size}`);
      if (size < leaves.length) frontier = appendLeaf(frontier, at(leaves, size));
    });
  });

  test('inclusion proofs match the reference paths and verify', () => {
    for (const { index, size, proof } of REFERENCE_INCLUSION) {
      const generated = inclusionProof(source, index, size);
      assert.deepEqual(generated.map(toHex), proof, `PATH(${index}, D[${size}])`);
      const root = fromHex(at(REFERENCE_ROOTS, size));
      assert.equal(verifyInclusion(at(leaves, index), index, size, generated, root), true);
    }
  });

  test('consistency proofs match the reference proofs and verify', () => {
    for (const { first, second, proof } of REFERENCE_CONSISTENCY) {
      const generated = consistencyProof(source, first, second);
      assert.deepEqual(generated.map(toHex), proof, `PROOF(${first}, D[${second}])`);
      const [firstRoot, secondRoot] = [at(REFERENCE_ROOTS, first), at(REFERENCE_ROOTS, second)].map(fromHex);
      assert.ok(firstRoot && secondRoot);
      assert.equal(verifyConsistency(first, second, firstRoot, secondRoot, generated), true);
    }
  });

  test('subtree hashes match the rolling vector of draft-ietf-plants-merkle-tree-certs (sizes to 130)', () => {
    // Leaves are the single bytes 0x00..0x81; every valid [start, end) line is folded into one SHA-256.
    const tree = memoryNodeSource(Array.from({ length: 130 }, (_, i) => hashLeaf(Uint8Array.of(i))));
    const rolling = createHash('sha256');
    for (let end = 1; end <= 130; end++) {
      for (let start = 0; start < end; start++) {
        if (!isSubtreeRange(start, end)) continue;
        rolling.update(`[${start}, ${end}) ${toHex(subtreeHash(tree, start, end))}\n`);
      }
    }
    assert.equal(rolling.digest('hex'), '94a95384a8c69acea9b50d035a58285b3a777cb7a724005faa5e1f1e1190007f');
  });
});

function isSubtreeRange(begin: number, end: number): boolean {
  try {
    rangeNodes(begin, end);
    return true;
  } catch {
    return false;
  }
}

describe('inclusion proofs', () => {
  const leaves = syntheticLeafHashes(71);
  const source = memoryNodeSource(leaves);
  const roots = Array.from({ length: 72 }, (_, size) => subtreeHash(source, 0, size));

  test('verify for every leaf of every tree of sizes 1..70', () => {
    for (let size = 1; size <= 70; size++) {
      for (let index = 0; index < size; index++) {
        const proof = inclusionProof(source, index, size);
        assert.equal(verifyInclusion(at(leaves, index), index, size, proof, at(roots, size)), true);
      }
    }
  });

  test('fail after any change to a proof element, the leaf, the index, the size or the root', () => {
    for (let size = 1; size <= 70; size++) {
      const root = at(roots, size);
      for (let index = 0; index < size; index++) {
        const leaf = at(leaves, index);
        const proof = inclusionProof(source, index, size);
        for (let element = 0; element < proof.length; element++) {
          for (const position of [0, HASH_SIZE - 1]) {
            const altered = withFlippedElement(proof, element, position);
            assert.equal(verifyInclusion(leaf, index, size, altered, root), false);
          }
        }
        assert.equal(verifyInclusion(flipByte(leaf, 7), index, size, proof, root), false);
        assert.equal(verifyInclusion(leaf, index, size, proof, flipByte(root, 31, 0x80)), false);
        assert.equal(verifyInclusion(leaf, index, size, [...proof, leaf], root), false);
        if (proof.length > 0) assert.equal(verifyInclusion(leaf, index, size, proof.slice(1), root), false);
        for (const otherIndex of [index - 1, index + 1, size]) {
          assert.equal(verifyInclusion(leaf, otherIndex, size, proof, root), false);
        }
        // A verifier holding a tree head for another size checks against that size's root.
        for (const otherSize of [size - 1, size + 1]) {
          if (otherSize < 1) continue;
          assert.equal(verifyInclusion(leaf, index, otherSize, proof, at(roots, otherSize)), false);
        }
      }
    }
  });

  test('a proof binds the size only through the root, so size and root must come from one signed head', () => {
    // RFC 9162 paths carry no size: leaf 0 has the same path shape in trees of 3 and 4 leaves.
    const proof = inclusionProof(source, 0, 3);
    assert.equal(verifyInclusion(at(leaves, 0), 0, 4, proof, at(roots, 3)), true);
    assert.equal(verifyInclusion(at(leaves, 0), 0, 4, proof, at(roots, 4)), false);
  });

  test('never throw on malformed input', () => {
    const leaf = at(leaves, 0);
    const proof = inclusionProof(source, 0, 8);
    const root = at(roots, 8);
    const throwing = new Proxy([] as Uint8Array[], {
      get: () => {
        throw new Error('hostile');
      },
    });
    const cases: [unknown, unknown, unknown, unknown, unknown][] = [
      [leaf, -1, 8, proof, root],
      [leaf, 0.5, 8, proof, root],
      [leaf, Number.NaN, 8, proof, root],
      [leaf, 0, 0, [], emptyRoot()],
      [leaf, 0, 2 ** 60, proof, root],
      [leaf, 0, '8', proof, root],
      [leaf.subarray(1), 0, 8, proof, root],
      [leaf, 0, 8, [...proof.slice(1), new Uint8Array(31)], root],
      [leaf, 0, 8, [null, ...proof.slice(1)], root],
      [leaf, 0, 8, 'proof', root],
      [leaf, 0, 8, throwing, root],
      [leaf, 0, 8, proof, root.subarray(1)],
      [null, 0, 8, proof, root],
      [leaf, 0, 8, proof, undefined],
    ];
    for (const args of cases) {
      const call = verifyInclusion as (...values: unknown[]) => boolean;
      assert.equal(call(...args), false);
    }
  });

  test('generation rejects a leaf outside the tree', () => {
    assert.throws(() => inclusionProof(source, 5, 5), RangeError);
    assert.throws(() => inclusionProof(source, -1, 5), RangeError);
  });
});

describe('frontier', () => {
  const leaves = syntheticLeafHashes(300);

  test('root equals rootFromLeafHashes for sizes 0..300, and encodes and decodes', () => {
    let frontier = emptyFrontier();
    for (let size = 0; size <= 300; size++) {
      assert.deepEqual(frontierRoot(frontier), rootFromLeafHashes(leaves.slice(0, size)), `size ${size}`);
      assert.ok(frontier.hashes.length <= Math.log2(Math.max(size, 1)) + 1);
      assert.deepEqual(decodeFrontier(encodeFrontier(frontier)), frontier);
      if (size < leaves.length) frontier = appendLeaf(frontier, at(leaves, size));
    }
  });

  test('appending leaves one at a time or in batches gives the same frontier', () => {
    const one = leaves.reduce<MerkleFrontier>((f, leaf) => appendLeaf(f, leaf), emptyFrontier());
    const batched = appendLeaves(
      appendLeaves(emptyFrontier(), leaves.slice(0, 77)).frontier,
      leaves.slice(77),
    );
    assert.deepEqual(batched.frontier, one);
  });

  test('can be rebuilt from stored perfect nodes at any size', () => {
    const source = memoryNodeSource(leaves);
    let frontier = emptyFrontier();
    for (let size = 0; size <= 300; size++) {
      assert.deepEqual(frontierAt(source, size).hashes.map(toHex), frontier.hashes.map(toHex));
      if (size < leaves.length) frontier = appendLeaf(frontier, at(leaves, size));
    }
  });

  test('decoding rejects malformed text', () => {
    const good = encodeFrontier(appendLeaves(emptyFrontier(), leaves.slice(0, 3)).frontier);
    const bad = [
      '',
      'x:',
      '-1:',
      '01:',
      good.replace(/^3:/, '2:'),
      good.replace(/^3:/, '4:'),
      good.slice(0, -2),
      good.toUpperCase(),
      `${good} `,
      `9007199254740992:${'00'.repeat(32)}`,
    ];
    for (const text of bad) assert.throws(() => decodeFrontier(text), RangeError, text);
    assert.deepEqual(decodeFrontier('0:'), emptyFrontier());
  });

  test('rejects a leaf hash of the wrong length', () => {
    assert.throws(() => appendLeaf(emptyFrontier(), new Uint8Array(31)), RangeError);
  });
});

describe('stored perfect nodes', () => {
  const size = 150;
  const leaves = syntheticLeafHashes(size);
  const memory = memoryNodeSource(leaves);
  const stored: PerfectNode[] = [];
  let frontier = emptyFrontier();
  // Batches of 1, 2, 3, ... leaves, as a log appending several entries in one transaction would.
  for (let begin = 0, batch = 1; begin < size; begin += batch, batch += 1) {
    const appended = appendLeaves(frontier, leaves.slice(begin, begin + batch));
    stored.push(...appended.nodes);
    frontier = appended.frontier;
  }
  const fromStore = storedNodeSource(stored);

  test('appends create every perfect node exactly once, with the in-memory hashes', () => {
    assert.equal(stored.length, perfectNodeCount(size));
    assert.equal(new Set(stored.map((n) => `${n.level}/${n.index}`)).size, stored.length);
    for (const node of stored) assert.deepEqual(node.hash, memory.nodeHash(node.level, node.index));
    assert.deepEqual(frontierRoot(frontier), rootFromLeafHashes(leaves));
  });

  test('nodesCreatedByAppend lists the leaf and each subtree it completes', () => {
    const before = appendLeaves(emptyFrontier(), leaves.slice(0, 7)).frontier;
    const created = nodesCreatedByAppend(before, [at(leaves, 7)]);
    assert.deepEqual(
      created.map((n) => [n.level, n.index]),
      [
        [0, 7],
        [1, 3],
        [2, 1],
        [3, 0],
      ],
    );
    assert.deepEqual(nodesCreatedByAppend(before, []), []);
  });

  test('give the same proofs as the in-memory tree for every size', () => {
    for (let n = 1; n <= size; n++) {
      for (let i = 0; i < n; i += n > 40 ? 7 : 1) {
        assert.deepEqual(inclusionProof(fromStore, i, n), inclusionProof(memory, i, n));
      }
      for (let m = 0; m <= n; m += n > 40 ? 5 : 1) {
        assert.deepEqual(consistencyProof(fromStore, m, n), consistencyProof(memory, m, n));
      }
      assert.deepEqual(subtreeHash(fromStore, 0, n), subtreeHash(memory, 0, n));
    }
  });

  test('a proof for size n reads only nodes that existed when the tree had n leaves', () => {
    for (let n = 1; n <= 70; n++) {
      for (let k = 0; k <= n; k++) {
        const reads = recordingSource(fromStore);
        if (k < n) inclusionProof(reads, k, n);
        consistencyProof(reads, k, n);
        for (const { level, index } of reads.reads) assert.ok((index + 1) * 2 ** level <= n);
        const planned = [...(k < n ? inclusionProofNodes(k, n) : []), ...consistencyProofNodes(k, n)];
        assert.deepEqual(reads.reads, planned);
      }
    }
  });

  test('a missing node is an error, not a wrong proof', () => {
    assert.throws(() => inclusionProof(storedNodeSource(stored.slice(1)), 1, 2), RangeError);
  });

  test('two different stored hashes for one node are refused', () => {
    const first = at(stored, 0);
    assert.doesNotThrow(() => storedNodeSource([first, { ...first }]));
    const conflicting = { ...first, hash: flipByte(first.hash, 0) };
    assert.throws(() => storedNodeSource([first, conflicting]), /conflicting hashes/);
  });
});

describe('proofs of huge trees', () => {
  test('a tree of 1,000,000 leaves needs O(log n) node reads per proof', () => {
    const source = syntheticSource();
    inclusionProof(source, 765_432, 1_000_000);
    assert.ok(source.reads <= 2 * 20, `inclusion read ${source.reads} nodes`);
    source.reads = 0;
    consistencyProof(source, 654_321, 1_000_000);
    assert.ok(source.reads <= 3 * 20, `consistency read ${source.reads} nodes`);
  });

  test('sizes beyond 32 bits keep exact arithmetic', () => {
    const treeSize = 2 ** 53 - 1;
    for (const leafIndex of [0, 2 ** 32 - 1, 2 ** 32, 2 ** 52 + 12_345, treeSize - 1]) {
      assertPartition(leafIndex, treeSize, inclusionProofNodes(leafIndex, treeSize));
      const proof = inclusionProof(syntheticSource(), leafIndex, treeSize);
      const leaf = hashLeaf(Buffer.from('x'));
      assert.ok(rootFromInclusionProof(leaf, leafIndex, treeSize, proof));
      assert.equal(rootFromInclusionProof(leaf, leafIndex, treeSize, [...proof, leaf]), undefined);
      assert.equal(rootFromInclusionProof(leaf, leafIndex, treeSize, proof.slice(1)), undefined);
    }
  });
});

describe('consistency proofs across growth (property, 100,000 leaves)', () => {
  const maxSize = 100_000;
  const leaves = syntheticLeafHashes(maxSize);
  const source = memoryNodeSource(leaves);
  const rootOf = (size: number): Uint8Array => subtreeHash(source, 0, size);
  const powers = Array.from({ length: 17 }, (_, k) => 2 ** k);
  const treeSize = fc.oneof(
    fc.integer({ min: 1, max: maxSize }),
    fc.constantFrom(1, 2, 3, maxSize - 1, maxSize, ...powers),
    fc.constantFrom(...powers.map((p) => p + 1), ...powers.slice(1).map((p) => p - 1)),
  );
  const sizes = fc.oneof(
    fc.tuple(treeSize, treeSize).map(([a, b]): [number, number] => (a <= b ? [a, b] : [b, a])),
    treeSize.map((n): [number, number] => [n, n]),
    treeSize.map((n): [number, number] => [1, n]),
  );
  const runs = { numRuns: 300 };

  test('verify between every pair of sizes', () => {
    fc.assert(
      fc.property(sizes, ([m, n]) => {
        const proof = consistencyProof(source, m, n);
        assert.ok(proof.length <= 2 * Math.ceil(Math.log2(n)) + 1);
        assert.equal(verifyConsistency(m, n, rootOf(m), rootOf(n), proof), true);
      }),
      runs,
    );
  });

  test('fail when one leaf below the old size was altered', () => {
    fc.assert(
      fc.property(sizes, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), ([m, n], where) => {
        const victim = Math.floor(where * m);
        const forged = tamperedSource(source, victim, flipByte(at(leaves, victim), 0));
        const forgedOld = subtreeHash(forged, 0, m);
        assert.notDeepEqual(forgedOld, rootOf(m));
        assert.equal(verifyConsistency(m, n, forgedOld, rootOf(n), consistencyProof(source, m, n)), false);
        assert.equal(verifyConsistency(m, n, forgedOld, rootOf(n), consistencyProof(forged, m, n)), false);
        // Control: the forged history is self-consistent, so only the genuine new root exposes it.
        const forgedNew = subtreeHash(forged, 0, n);
        assert.equal(verifyConsistency(m, n, forgedOld, forgedNew, consistencyProof(forged, m, n)), true);
      }),
      runs,
    );
  });

  test('fail when a proof element, the proof length or either size changes', () => {
    const growth = sizes.filter(([m, n]) => m < n);
    fc.assert(
      fc.property(
        growth,
        fc.nat(),
        fc.nat(HASH_SIZE - 1),
        fc.integer({ min: 1, max: 255 }),
        ([m, n], e, b, x) => {
          const [oldRoot, newRoot] = [rootOf(m), rootOf(n)];
          const proof = consistencyProof(source, m, n);
          const element = e % proof.length;
          const flipped = proof.map((h, i) => (i === element ? flipByte(h, b, x) : h));
          assert.equal(verifyConsistency(m, n, oldRoot, newRoot, flipped), false);
          assert.equal(verifyConsistency(m, n, oldRoot, newRoot, proof.slice(0, -1)), false);
          assert.equal(verifyConsistency(m, n, oldRoot, newRoot, [...proof, newRoot]), false);
          assert.equal(verifyConsistency(n, m, newRoot, oldRoot, proof), false);
          // A verifier holding tree heads for other sizes checks against those sizes' roots.
          for (const other of [m - 1, m + 1]) {
            if (other >= 1 && other !== n)
              assert.equal(verifyConsistency(other, n, rootOf(other), newRoot, proof), false);
          }
          for (const other of [n - 1, n + 1]) {
            if (other > m && other <= maxSize) {
              assert.equal(verifyConsistency(m, other, oldRoot, rootOf(other), proof), false);
            }
          }
        },
      ),
      runs,
    );
  });

  test('inclusion proofs verify across the large tree and fail for another leaf', () => {
    fc.assert(
      fc.property(treeSize, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (n, where) => {
        const index = Math.floor(where * n);
        const proof = inclusionProof(source, index, n);
        assertPartition(index, n, inclusionProofNodes(index, n));
        assert.equal(verifyInclusion(at(leaves, index), index, n, proof, rootOf(n)), true);
        const other = at(leaves, (index + 1) % maxSize);
        assert.equal(verifyInclusion(other, index, n, proof, rootOf(n)), false);
      }),
      runs,
    );
  });

  test('with the roots unchanged, sizes that need a longer or shorter proof fail', () => {
    // These exercise RFC 9162 §2.1.4.2's "sn is 0" checks: the proof runs out early, or has hashes left over.
    const claims: [number, number, number, number][] = [
      [7, 8, 3, 4],
      [7, 8, 6, 8],
      [7, 8, 9, 10],
      [1, 2, 1, 3],
      [1, 2, 1, 7],
    ];
    for (const [m, n, claimedM, claimedN] of claims) {
      const proof = consistencyProof(source, m, n);
      assert.equal(verifyConsistency(claimedM, claimedN, rootOf(m), rootOf(n), proof), false);
    }
    // As with inclusion, identical proof shapes cannot be told apart: the signed head binds size to root.
    assert.equal(verifyConsistency(1, 4, rootOf(1), rootOf(3), consistencyProof(source, 1, 3)), true);
  });

  test('never throw on malformed consistency input', () => {
    const [m, n] = [5, 9];
    const proof = consistencyProof(source, m, n);
    const [a, b] = [rootOf(m), rootOf(n)];
    const call = verifyConsistency as (...values: unknown[]) => boolean;
    const cases: unknown[][] = [
      [0, 9, a, b, []],
      [0, 9, emptyRoot(), b, proof],
      [9, 5, b, a, proof],
      [5, 5, a, a, proof],
      [5, 9, a, b, []],
      [-1, 9, a, b, proof],
      [5, 2 ** 60, a, b, proof],
      [5, 9, a.subarray(1), b, proof],
      [5, 9, a, b, [null]],
      [5, 9, a, b, 'proof'],
      [5, 9, undefined, b, proof],
    ];
    for (const args of cases) assert.equal(call(...args), false, JSON.stringify(args.slice(0, 2)));
    assert.equal(verifyConsistency(0, 9, emptyRoot(), b, []), true);
    assert.equal(verifyConsistency(9, 9, b, b, []), true);
  });
});
