// Checks the test-only reference itself against published values, then checks that the
// store-based builders reproduce the shared vectors' happy-path proofs exactly.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consistencyProof, inclusionProof } from './proof';
import { arrayMth, mthOfLeafHashes, refLeafHash, refPath, refProof } from './testonly/reference';
import { RFC6962_TEST_LEAVES, storeOf } from './testonly/trees';
import { consistencyVectors, inclusionVectors } from './testonly/vectors';

// Roots of the RFC 6962 test tree (the first n of its 8 leaves), as published with it.
const TEST_TREE_ROOTS = [
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

const leafHashes = RFC6962_TEST_LEAVES.map(refLeafHash);

// Vectors in the numbered folders are drawn from the test tree ('additional' and 'single-entry'
// hold hand-made edge cases over other hashes).
const fromTestTree = (v: { file: string; wantErr: boolean }) =>
  !v.wantErr && /^\w+\/\d+\//.test(v.file);
const mth = arrayMth(leafHashes);

describe('reference implementation', () => {
  it('computes the published roots of the RFC 6962 test tree', () => {
    TEST_TREE_ROOTS.forEach((root, n) => {
      assert.equal(mthOfLeafHashes(leafHashes.slice(0, n)).toString('hex'), root, `size ${n}`);
    });
  });

  it('reproduces every happy-path inclusion vector', () => {
    const happy = inclusionVectors().filter(fromTestTree);
    assert.ok(happy.length >= 5);
    for (const v of happy) {
      assert.deepEqual(leafHashes[Number(v.leafIdx)], v.leafHash, v.file);
      assert.deepEqual(mth(0n, v.treeSize), v.root, v.file);
      assert.deepEqual(refPath(v.leafIdx, 0n, v.treeSize, mth), v.proof, v.file);
    }
  });

  it('reproduces every happy-path consistency vector', () => {
    const happy = consistencyVectors().filter(fromTestTree);
    assert.ok(happy.length >= 5);
    for (const v of happy) {
      assert.deepEqual(mth(0n, v.size1), v.root1, v.file);
      assert.deepEqual(mth(0n, v.size2), v.root2, v.file);
      assert.deepEqual(refProof(v.size1, v.size2, mth), v.proof, v.file);
    }
  });
});

describe('store-based builders on the RFC 6962 test tree', () => {
  const store = storeOf(leafHashes);

  it('build the exact proofs of the happy-path vectors', () => {
    for (const v of inclusionVectors().filter(fromTestTree)) {
      assert.deepEqual(inclusionProof(v.leafIdx, v.treeSize, store), v.proof, v.file);
    }
    for (const v of consistencyVectors().filter(fromTestTree)) {
      assert.deepEqual(consistencyProof(v.size1, v.size2, store), v.proof, v.file);
    }
  });
});
