import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { presentEntry } from '../../server/modules/audit/audit.service.ts';
import { leafBytes, toRow } from '../../server/modules/audit/audit-entry.ts';
import {
  inclusionProof,
  memoryNodeSource,
  rootFromLeafHashes,
  hashLeaf as serverHashLeaf,
  toHex,
} from '../../server/modules/audit/merkle.ts';
import { keyIdOf, signTreeHead } from '../../server/modules/audit/tree-head.ts';
import { entryLeafBytes } from './audit-leaf.ts';
import { checkEntryInclusion } from './entry-inclusion.ts';
import {
  type Bytes,
  bytesToHex,
  hashChildren,
  hashLeaf,
  hexToBytes,
  verifyInclusion,
} from './merkle-verify.ts';
import { treeHeadBytes, verifyTreeHeadSignature, verifyTreeHeadWithKeys } from './tree-head-verify.ts';

const copy = (b: Uint8Array): Bytes => new Uint8Array(b);
const leafData = (i: number): Bytes => new TextEncoder().encode(`leaf ${i}`);

function nodeSha(...parts: Uint8Array[]): Uint8Array {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

/** A tree of n leaves built by the server's code: leaf hashes, root, and a proof maker. */
function serverTree(n: number) {
  const leaves = Array.from({ length: n }, (_, i) => serverHashLeaf(leafData(i)));
  const source = memoryNodeSource(leaves);
  return {
    leaves: leaves.map(copy),
    root: copy(rootFromLeafHashes(leaves)),
    proof: (i: number) => inclusionProof(source, i, n).map(copy),
  };
}

describe('browser Merkle verification (RFC 9162 §2.1.3.2)', () => {
  it('hashes leaves and nodes with the 0x00 and 0x01 prefixes', async () => {
    const data = leafData(7);
    assert.equal(bytesToHex(await hashLeaf(data)), bytesToHex(nodeSha(Uint8Array.of(0), data)));
    const [a, b] = [await hashLeaf(leafData(1)), await hashLeaf(leafData(2))];
    assert.equal(bytesToHex(await hashChildren(a, b)), bytesToHex(nodeSha(Uint8Array.of(1), a, b)));
  });

  it('matches a three-leaf root computed by hand', async () => {
    const [l0, l1, l2] = await Promise.all([0, 1, 2].map((i) => hashLeaf(leafData(i))));
    if (!l0 || !l1 || !l2) throw new Error('no leaves');
    const root = copy(nodeSha(Uint8Array.of(1), nodeSha(Uint8Array.of(1), l0, l1), l2));
    assert.equal(await verifyInclusion(l2, 2, 3, [await hashChildren(l0, l1)], root), true);
    assert.equal(await verifyInclusion(l0, 0, 3, [l1, l2], root), true);
    assert.equal(await verifyInclusion(l1, 0, 3, [l1, l2], root), false, 'wrong leaf at index 0');
  });

  it('verifies every leaf of trees of many sizes against the server’s proofs', async () => {
    for (const n of [1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 31, 33]) {
      const tree = serverTree(n);
      for (let i = 0; i < n; i++) {
        const leaf = tree.leaves[i];
        if (!leaf) throw new Error('missing leaf');
        assert.equal(await verifyInclusion(leaf, i, n, tree.proof(i), tree.root), true, `leaf ${i} of ${n}`);
      }
    }
  });

  it('rejects tampered proofs, wrong indexes, wrong sizes and wrong roots', async () => {
    const tree = serverTree(13);
    const leaf = tree.leaves[5];
    if (!leaf) throw new Error('missing leaf');
    const proof = tree.proof(5);
    const flipped = proof.map((p, k) => (k === 1 ? Uint8Array.from(p, (b, j) => (j === 0 ? b ^ 1 : b)) : p));
    assert.equal(await verifyInclusion(leaf, 5, 13, flipped, tree.root), false);
    assert.equal(await verifyInclusion(leaf, 4, 13, proof, tree.root), false);
    assert.equal(await verifyInclusion(leaf, 5, 6, proof, tree.root), false, 'a size the proof does not fit');
    assert.equal(await verifyInclusion(leaf, 5, 13, proof.slice(1), tree.root), false);
    assert.equal(await verifyInclusion(leaf, 5, 13, [...proof, leaf], tree.root), false);
    assert.equal(await verifyInclusion(leaf, 13, 13, proof, tree.root), false, 'index past the end');
    assert.equal(await verifyInclusion(leaf, 5, 13, proof, copy(serverTree(12).root)), false);
  });

  it('reads hex strictly', () => {
    assert.equal(hexToBytes('0g'), null);
    assert.equal(hexToBytes('abc'), null);
    assert.deepEqual(hexToBytes('00ff'), Uint8Array.of(0, 255));
  });
});

describe('entry leaf bytes rebuilt from the API’s entry', () => {
  it('equal the bytes the server committed to', () => {
    const row = toRow(
      {
        action: 'record.view',
        outcome: 'permit',
        actor: {
          staffId: crypto.randomUUID(),
          organisationId: crypto.randomUUID(),
          roles: ['duty', 'clinical'],
        },
        personId: crypto.randomUUID(),
        categories: ['CRISIS_PLAN', 'RISK_SUMMARY'],
        purpose: 'CRISIS_RESPONSE',
        reasons: ['PERMIT_BREAK_GLASS'],
        breakGlassGrantId: crypto.randomUUID(),
        details: { minutes: 60, note: 'a "quoted" value', flag: true, none: null },
      },
      new Date('2025-03-01T02:03:04.005Z'),
      'req-1',
    );
    const sequenced = { ...row, leaf_index: 41 };
    const dto = presentEntry(sequenced);
    assert.deepEqual(entryLeafBytes(dto, 41), new Uint8Array(leafBytes(sequenced, 41)));
    assert.notDeepEqual(
      entryLeafBytes({ ...dto, outcome: 'deny' }, 41),
      new Uint8Array(leafBytes(sequenced, 41)),
    );
  });
});

describe('tree head signatures checked with SubtleCrypto Ed25519', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const head = signTreeHead(
    { treeSize: 12, rootHash: 'ab'.repeat(32), timestamp: '2025-01-31T09:30:00.000Z' },
    privateKey,
  );

  it('accepts the server’s signature and refuses any changed field', async () => {
    assert.equal(await verifyTreeHeadSignature(head, pem), 'valid');
    assert.equal(await verifyTreeHeadSignature({ ...head, treeSize: 13 }, pem), 'invalid');
    assert.equal(await verifyTreeHeadSignature({ ...head, rootHash: 'cd'.repeat(32) }, pem), 'invalid');
    assert.equal(
      await verifyTreeHeadSignature({ ...head, timestamp: '2025-01-31T09:30:01.000Z' }, pem),
      'invalid',
    );
    const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    assert.equal(await verifyTreeHeadSignature(head, other), 'invalid');
  });

  it('picks the published key the head names, and finds a head naming no published key not valid', async () => {
    const retired = { keyId: keyIdOf(publicKey), publicKeyPem: pem };
    const next = generateKeyPairSync('ed25519').publicKey;
    const current = {
      keyId: keyIdOf(next),
      publicKeyPem: next.export({ type: 'spki', format: 'pem' }).toString(),
    };
    assert.equal(await verifyTreeHeadWithKeys(head, [current, retired]), 'valid');
    assert.equal(await verifyTreeHeadWithKeys(head, [current]), 'invalid');
    assert.equal(await verifyTreeHeadWithKeys(head, []), 'invalid');
    assert.equal(
      await verifyTreeHeadWithKeys({ ...head, keyId: current.keyId }, [current, retired]),
      'invalid',
    );
  });

  it('refuses heads without one canonical spelling', () => {
    assert.equal(treeHeadBytes({ ...head, rootHash: 'AB'.repeat(32) }), null);
    assert.equal(treeHeadBytes({ ...head, timestamp: '2025-01-31T09:30:00Z' }), null);
    assert.equal(treeHeadBytes({ ...head, treeSize: -1 }), null);
  });
});

describe('checking an entry against a signed head, end to end', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const keys = [{ keyId: keyIdOf(publicKey), publicKeyPem: pem }];
  const rows = Array.from({ length: 6 }, (_, i) => ({
    ...toRow(
      { action: 'record.view', outcome: 'permit', details: { n: i } },
      new Date(Date.UTC(2025, 0, 1, 0, i)),
      `r${i}`,
    ),
    leaf_index: i,
  }));
  const leaves = rows.map((row, i) => serverHashLeaf(leafBytes(row, i)));
  const source = memoryNodeSource(leaves);
  const head = signTreeHead(
    { treeSize: 6, rootHash: toHex(rootFromLeafHashes(leaves)), timestamp: '2025-01-01T01:00:00.000Z' },
    privateKey,
  );
  const proofOf = (i: number) => ({
    leafIndex: i,
    treeSize: 6,
    leafHash: toHex(leaves[i] ?? new Uint8Array()),
    proof: inclusionProof(source, i, 6).map(toHex),
  });
  const entry = (i: number) => {
    const row = rows[i];
    if (!row) throw new Error('no row');
    return presentEntry(row);
  };

  it('verifies an untouched entry', async () => {
    const check = await checkEntryInclusion(entry(3), head, proofOf(3), keys);
    assert.equal(check.status, 'verified');
  });

  it('notices an entry shown differently from what was logged, a bad proof and an unsigned head', async () => {
    assert.equal(
      (await checkEntryInclusion({ ...entry(3), outcome: 'deny' }, head, proofOf(3), keys)).status,
      'entry-mismatch',
    );
    const proof = proofOf(3);
    assert.equal(
      (await checkEntryInclusion(entry(3), head, { ...proof, proof: proof.proof.slice(1) }, keys)).status,
      'proof-failed',
    );
    assert.equal(
      (await checkEntryInclusion(entry(3), { ...head, treeSize: 7 }, proofOf(3), keys)).status,
      'head-unsigned',
    );
  });

  it('checks the head with the published key it names, the current one or a retired one', async () => {
    const current = generateKeyPairSync('ed25519').publicKey;
    const published = [
      { keyId: keyIdOf(current), publicKeyPem: current.export({ type: 'spki', format: 'pem' }).toString() },
      ...keys,
    ];
    assert.equal((await checkEntryInclusion(entry(3), head, proofOf(3), published)).status, 'verified');
    const unpublished = published.slice(0, 1);
    assert.equal(
      (await checkEntryInclusion(entry(3), head, proofOf(3), unpublished)).status,
      'head-unsigned',
    );
    // The right key listed under another head's key id does not count: the head is checked by the id it names.
    const misfiled = [{ keyId: keyIdOf(current), publicKeyPem: pem }];
    assert.equal((await checkEntryInclusion(entry(3), head, proofOf(3), misfiled)).status, 'head-unsigned');
  });
});
