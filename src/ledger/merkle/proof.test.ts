// Cross-checks the store-based builders against the literal RFC 6962 reference: every index of
// every size 1..130, every size pair there, and random cases in larger trees.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NodeStoreError } from './errors';
import { hashLeaf } from './hasher';
import { consistencyProof, inclusionProof } from './proof';
import { rootOf } from './root';
import { expectProofError } from './testonly/assertions';
import { arrayMth, refPath, refProof } from './testonly/reference';
import { ceilLog2, leafHashes, randomInts, storeOf, WatchedReader } from './testonly/trees';
import { verifyConsistency, verifyInclusion } from '../verifier';

const EXHAUSTIVE = 130;
const hashes = leafHashes(4097);
const mth = arrayMth(hashes);
const store = storeOf(hashes);

function popCount(n: number): number {
  return n.toString(2).replaceAll('0', '').length;
}

/** Checks the builders' proofs for (index, size) and (size1, size2) against the reference. */
function checkInclusion(index: number, size: number, root: Buffer): void {
  const reader = new WatchedReader(store, size);
  const proof = inclusionProof(index, size, reader);
  assert.deepEqual(proof, refPath(BigInt(index), 0n, BigInt(size), mth), `${index}/${size}`);
  assert.ok(reader.reads <= 2 * ceilLog2(size), `${reader.reads} reads for ${index}/${size}`);
  verifyInclusion(index, size, hashes[index], proof, root);
}

function checkConsistency(size1: number, size2: number, root1: Buffer, root2: Buffer): void {
  const reader = new WatchedReader(store, size2);
  const proof = consistencyProof(size1, size2, reader);
  assert.deepEqual(proof, refProof(BigInt(size1), BigInt(size2), mth), `${size1}->${size2}`);
  assert.ok(
    reader.reads <= 2 * ceilLog2(size2) + 1,
    `${reader.reads} reads for ${size1}->${size2}`,
  );
  verifyConsistency(size1, size2, proof, root1, root2);
}

describe('proof builders against the reference', () => {
  const roots = [mth(0n, 0n)];
  for (let n = 1; n <= EXHAUSTIVE; n++) roots.push(mth(0n, BigInt(n)));

  it(`rootOf: every size 0..${EXHAUSTIVE}, one read per set bit of the size`, () => {
    for (let n = 0; n <= EXHAUSTIVE; n++) {
      const reader = new WatchedReader(store, n);
      assert.deepEqual(rootOf(n, reader), roots[n], `size ${n}`);
      assert.equal(reader.reads, popCount(n));
    }
  });

  it(`inclusionProof: every index of every size 1..${EXHAUSTIVE}`, () => {
    let checked = 0;
    for (let n = 1; n <= EXHAUSTIVE; n++) {
      for (let i = 0; i < n; i++, checked++) checkInclusion(i, n, roots[n]);
    }
    assert.equal(checked, (EXHAUSTIVE * (EXHAUSTIVE + 1)) / 2);
  });

  it(`consistencyProof: every pair 1 <= size1 <= size2 <= ${EXHAUSTIVE}`, () => {
    let checked = 0;
    for (let n = 1; n <= EXHAUSTIVE; n++) {
      for (let m = 1; m <= n; m++, checked++) checkConsistency(m, n, roots[m], roots[n]);
    }
    assert.equal(checked, (EXHAUSTIVE * (EXHAUSTIVE + 1)) / 2);
  });

  for (const size of [1000, 1024, 1025, 4095, 4096, 4097]) {
    it(`random indices and earlier sizes in a tree of ${size}`, () => {
      const next = randomInts(`proof ${size}`);
      const root = mth(0n, BigInt(size));
      const indices = [0, 1, size - 2, size - 1, ...Array.from({ length: 25 }, () => next(size))];
      for (const i of indices) checkInclusion(i, size, root);
      const sizes1 = [1, 2, size - 1, size, ...Array.from({ length: 25 }, () => 1 + next(size))];
      for (const m of sizes1) checkConsistency(m, size, mth(0n, BigInt(m)), root);
    });
  }

  it('accept bigint and number arguments alike', () => {
    assert.deepEqual(inclusionProof(5n, 77n, store), inclusionProof(5, 77, store));
    assert.deepEqual(consistencyProof(13n, 77n, store), consistencyProof(13, 77, store));
    assert.deepEqual(rootOf(77n, store), rootOf(77, store));
  });
});

describe('proof builders reject what no verifier accepts', () => {
  const small = storeOf([hashLeaf(Buffer.from('a')), hashLeaf(Buffer.from('b'))]);
  const cases: Array<[string, () => unknown, string]> = [
    ['index equal to size', () => inclusionProof(2, 2, small), 'index-out-of-range'],
    ['index in the empty tree', () => inclusionProof(0, 0, small), 'index-out-of-range'],
    ['negative index', () => inclusionProof(-1, 2, small), 'bad-integer'],
    ['fractional size', () => inclusionProof(0, 1.5, small), 'bad-integer'],
    ['index of 2^53', () => inclusionProof(2n ** 53n, 2n ** 53n + 1n, small), 'bad-integer'],
    ['size1 above size2', () => consistencyProof(2, 1, small), 'size-order'],
    ['from the empty tree', () => consistencyProof(0, 2, small), 'size-zero'],
    ['NaN size', () => rootOf(Number.NaN, small), 'bad-integer'],
  ];
  for (const [name, build, code] of cases) {
    it(name, () => {
      expectProofError(build, code as never);
    });
  }

  it('equal sizes give the empty proof, without reading', () => {
    const reader = new WatchedReader(small, 0);
    assert.deepEqual(consistencyProof(0, 0, reader), []);
    assert.deepEqual(consistencyProof(0n, 0n, reader), []);
    assert.equal(reader.reads, 0);
  });

  it('a node missing from the store surfaces as the store error', () => {
    assert.throws(
      () => inclusionProof(0, 3, small),
      (err) => err instanceof NodeStoreError && err.code === 'node-missing',
    );
  });
});
