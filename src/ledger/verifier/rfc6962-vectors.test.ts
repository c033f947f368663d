// Replays every shared RFC 6962 vector (../shared/vectors/rfc6962) through the verifier: happy
// paths verify, every `wantErr` case is rejected. Hashes are handed over as plain `Uint8Array`s, as
// a browser would, never as Buffers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectProofError } from '../merkle/testonly/assertions';
import { consistencyVectors, inclusionVectors } from '../merkle/testonly/vectors';
import { rootFromInclusionProof, verifyConsistency, verifyInclusion } from './index';

const plain = (bytes: Uint8Array): Uint8Array => Uint8Array.from(bytes);

const inclusion = inclusionVectors().map((v) => ({
  ...v,
  root: plain(v.root),
  leafHash: plain(v.leafHash),
  proof: v.proof.map(plain),
}));
const consistency = consistencyVectors().map((v) => ({
  ...v,
  root1: plain(v.root1),
  root2: plain(v.root2),
  proof: v.proof.map(plain),
}));

/** The vector's integer as a number too, when it is one (else the bigint again). */
const num = (x: bigint): number | bigint => (x <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(x) : x);

describe('shared RFC 6962 vectors', () => {
  it('are all present: every category holds happy paths and corrupted cases', () => {
    for (const vectors of [inclusion, consistency]) {
      assert.ok(vectors.filter((v) => !v.wantErr).length >= 5);
      assert.ok(vectors.filter((v) => v.wantErr).length >= 50);
    }
  });

  describe('inclusion', () => {
    for (const v of inclusion) {
      it(`${v.file}: ${v.desc}`, () => {
        const asBigint = () => verifyInclusion(v.leafIdx, v.treeSize, v.leafHash, v.proof, v.root);
        const asNumber = () =>
          verifyInclusion(num(v.leafIdx), num(v.treeSize), v.leafHash, v.proof, v.root);
        if (v.wantErr) {
          expectProofError(asBigint);
          expectProofError(asNumber);
        } else {
          asBigint();
          asNumber();
          const root = rootFromInclusionProof(v.leafIdx, v.treeSize, v.leafHash, v.proof);
          assert.deepEqual(root, v.root);
        }
      });
    }
  });

  describe('consistency', () => {
    for (const v of consistency) {
      it(`${v.file}: ${v.desc}`, () => {
        const asBigint = () => verifyConsistency(v.size1, v.size2, v.proof, v.root1, v.root2);
        const asNumber = () =>
          verifyConsistency(num(v.size1), num(v.size2), v.proof, v.root1, v.root2);
        if (v.wantErr) {
          expectProofError(asBigint);
          expectProofError(asNumber);
        } else {
          asBigint();
          asNumber();
        }
      });
    }
  });
});
