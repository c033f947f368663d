// Sizes past 2^32 (where `>>>` and `| 0` wrap) and past 2^53 (where numbers stop being exact),
// on a virtual log whose leaves are all equal except a few marked ones placed around those bounds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LogAppender } from './appender';
import { consistencyProof, inclusionProof } from './proof';
import { rootOf } from './root';
import { expectProofError } from './testonly/assertions';
import { refPath, refProof } from './testonly/reference';
import { SparseLog } from './testonly/sparse-log';
import { verifyConsistency, verifyInclusion } from '../verifier';

const P32 = 2n ** 32n;
const P53 = 2n ** 53n;
const P64 = 2n ** 64n;

// Sizes a number can address (builders, appender) and sizes only a bigint can (verifiers).
const SAFE_SIZES = [P32 + 5n, P32 * 3n + 7n, 2n ** 40n + 3n, P53 - 1n];
const HUGE_SIZES = [P53 + 1n, 2n ** 63n + P32 + 1n, P64 - 1n];

const marked = [
  0n,
  1n,
  P32 - 2n,
  P32 - 1n,
  P32,
  P32 + 1n,
  P32 + 3n,
  P32 * 3n + 2n,
  2n ** 40n + 1n,
  P53 - 3n,
  P53 - 2n,
  P53,
  2n ** 63n + 5n,
  P64 - 3n,
  P64 - 2n,
];
const log = new SparseLog(marked);
const reader = log.reader();
const root = (size: bigint): Buffer => log.mth(0n, size);

/** Marked leaves of a tree, with their neighbours. */
const indicesIn = (size: bigint): bigint[] =>
  [...new Set(marked.flatMap((i) => [i - 1n, i, i + 1n]))].filter((i) => i >= 0n && i < size);

function expectRejected(fn: () => void, context: string): void {
  expectProofError(fn, undefined, context);
}

describe('trees larger than 2^32 leaves', () => {
  for (const size of SAFE_SIZES) {
    it(`size ${size}: rootOf and fromStore agree with the reference`, () => {
      assert.deepEqual(rootOf(size, reader), root(size));
      assert.deepEqual(rootOf(Number(size), reader), root(size));
      assert.deepEqual(LogAppender.fromStore(size, reader).root(), root(size));
    });

    it(`size ${size}: inclusion proofs match the reference and verify; shifted indices fail`, () => {
      const indices = indicesIn(size);
      assert.ok(indices.length >= 4);
      for (const i of indices) {
        const proof = inclusionProof(Number(i), Number(size), reader);
        assert.deepEqual(proof, refPath(i, 0n, size, log.mth), `${i}/${size}`);
        verifyInclusion(i, size, log.leafHash(i), proof, root(size));
        verifyInclusion(Number(i), Number(size), log.leafHash(i), proof, root(size));
        // Shifted indices only from marked leaves: a filler leaf's proof also proves a filler
        // neighbour when the swapped siblings are equal.
        for (const shift of marked.includes(i) ? [P32, -P32, 2n ** 31n, 1n, -1n] : []) {
          if (i + shift < 0n || i + shift >= size) continue;
          expectRejected(
            () => verifyInclusion(i + shift, size, log.leafHash(i), proof, root(size)),
            `${i}+${shift}/${size}`,
          );
        }
      }
    });
  }

  it('consistency proofs across 2^32 and up to 2^53 - 1 match the reference and verify', () => {
    const pairs: Array<[bigint, bigint]> = [
      [P32 - 1n, P32 + 1n],
      [P32, P32 + 5n],
      [5n, P32 + 5n],
      [P32 + 3n, P32 * 3n + 7n],
      [P32 + 5n, 2n ** 40n + 3n],
      [P32 * 3n + 7n, P53 - 1n],
      [P53 - 2n, P53 - 1n],
    ];
    for (const [m, n] of pairs) {
      const proof = consistencyProof(Number(m), Number(n), reader);
      assert.deepEqual(proof, refProof(m, n, log.mth), `${m}->${n}`);
      verifyConsistency(m, n, proof, root(m), root(n));
      verifyConsistency(Number(m), Number(n), proof, root(m), root(n));
      // Sizes shifted by 2^32 are no probe: the proof's shape can stay the same, and then so
      // does what it proves about the given roots (as with size ± 1 in verify.test.ts).
      for (const [m2, n2] of [
        [m + 1n, n],
        [m - 1n, n],
        [m, n * 2n],
        [m, n / 2n],
      ]) {
        expectRejected(() => verifyConsistency(m2, n2, proof, root(m), root(n)), `${m2}->${n2}`);
      }
      expectRejected(() => verifyConsistency(m, n, proof, root(m + 1n), root(n)), `${m}->${n}`);
    }
  });

  it('an appender restarted past 2^32 reports the right nodes and roots', () => {
    const start = P32 - 2n;
    const appender = LogAppender.fromStore(start, reader);
    for (let size = start; size < P32 + 4n; size++) {
      const nodes = appender.append(log.leafHash(size));
      for (const node of nodes) {
        const width = 2n ** BigInt(node.level);
        const begin = BigInt(node.index) * width;
        assert.ok(
          begin + width === size + 1n,
          `node ${node.level}/${node.index} ends at leaf ${size}`,
        );
        assert.deepEqual(node.hash, log.mth(begin, begin + width));
      }
      assert.equal(
        nodes.length,
        (size + 1n).toString(2).length - (size + 1n).toString(2).lastIndexOf('1'),
      );
      assert.deepEqual(appender.root(), root(size + 1n), `size ${size + 1n}`);
    }
  });
});

describe('trees larger than 2^53 leaves (verifiers only)', () => {
  for (const size of HUGE_SIZES) {
    it(`size ${size}: reference inclusion proofs verify; shifted indices fail`, () => {
      for (const i of indicesIn(size)) {
        const proof = refPath(i, 0n, size, log.mth);
        verifyInclusion(i, size, log.leafHash(i), proof, root(size));
        for (const shift of marked.includes(i) ? [P32, P53, -P53, 1n] : []) {
          if (i + shift < 0n || i + shift >= size) continue;
          expectRejected(
            () => verifyInclusion(i + shift, size, log.leafHash(i), proof, root(size)),
            `${i}+${shift}/${size}`,
          );
        }
      }
    });
  }

  it('reference consistency proofs verify up to 2^64 - 1', () => {
    const pairs: Array<[bigint, bigint]> = [
      [P53 - 1n, P53 + 1n],
      [P32 + 5n, 2n ** 63n + P32 + 1n],
      [2n ** 63n + P32 + 1n, P64 - 1n],
      [1n, P64 - 1n],
    ];
    for (const [m, n] of pairs) {
      const proof = refProof(m, n, log.mth);
      verifyConsistency(m, n, proof, root(m), root(n));
      expectRejected(() => verifyConsistency(m, n, proof, root(m), root(n - 1n)), `${m}->${n}`);
    }
  });

  it('builders refuse sizes they cannot address by number', () => {
    expectProofError(() => inclusionProof(0n, P53, reader), 'bad-integer');
    expectProofError(() => consistencyProof(1n, P53, reader), 'bad-integer');
    expectProofError(() => rootOf(P53, reader), 'bad-integer');
  });
});
