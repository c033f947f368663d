// Corrupts every field of valid proofs over generated trees (like merkle's verify_test.go) and
// checks that every probe is rejected, plus argument handling of the verifiers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProofError } from './errors';
import { EMPTY_ROOT } from './hasher';
import { consistencyProof, inclusionProof } from './proof';
import { expectProofError } from './testonly/assertions';
import { arrayMth } from './testonly/reference';
import { leafHashes, storeOf } from './testonly/trees';
import { rootFromInclusionProof, verifyConsistency, verifyInclusion } from '../verifier';

const MAX = 70;
const hashes = leafHashes(MAX);
const store = storeOf(hashes);
const mth = arrayMth(hashes);
const roots = Array.from({ length: MAX + 1 }, (_, n) => mth(0n, BigInt(n)));
const garbage = Buffer.alloc(32, 0xa5);

const flipBit = (hash: Buffer, bit: number): Buffer => {
  const copy = Buffer.from(hash);
  copy[bit >> 3] ^= 1 << (bit & 7);
  return copy;
};

/** Variants of `proof`: each element with a flipped bit, removed, or joined by garbage. */
function corruptProof(proof: Buffer[], extras: Buffer[]): Array<[string, Buffer[]]> {
  const probes: Array<[string, Buffer[]]> = [];
  proof.forEach((_, k) => {
    probes.push([
      `proof[${k}] bit flipped`,
      proof.map((e, j) => (j === k ? flipBit(e, 7 * k) : e)),
    ]);
    probes.push([`proof[${k}] removed`, proof.filter((_, j) => j !== k)]);
    probes.push([`proof[${k}] truncated`, proof.map((e, j) => (j === k ? e.subarray(1) : e))]);
  });
  for (let k = 0; k <= proof.length; k++) {
    probes.push([`garbage inserted at ${k}`, [...proof.slice(0, k), garbage, ...proof.slice(k)]]);
  }
  for (const [name, extra] of extras.map((e, k): [string, Buffer] => [`extra ${k}`, e])) {
    probes.push([`${name} before`, [extra, ...proof]]);
    probes.push([`${name} after`, [...proof, extra]]);
  }
  if (proof.length > 0) probes.push(['empty proof', []]);
  if (proof.length > 1) probes.push(['reversed', [...proof].reverse()]);
  return probes;
}

/** Identity of a probe's arguments, to skip probes that change nothing (e.g. swapping equal roots). */
const key = (args: ReadonlyArray<number | bigint | Buffer | Buffer[]>): string =>
  args
    .map((a) =>
      Buffer.isBuffer(a)
        ? a.toString('hex')
        : Array.isArray(a)
          ? a.map((e) => e.toString('hex'))
          : a,
    )
    .join('|');

describe('verifyInclusion rejects every corruption of a valid proof', () => {
  const codes = new Set<string>();
  let probesRun = 0;

  for (let n = 1; n <= MAX; n++) {
    it(`every leaf of a tree of ${n}`, () => {
      for (let i = 0; i < n; i++) {
        const leaf = hashes[i];
        const proof = inclusionProof(i, n, store);
        const root = roots[n];
        verifyInclusion(i, n, leaf, proof, root);

        // Not probed: size ± 1. A size off by one can leave the proof's shape unchanged (leaf 0 of
        // 3 and of 4 both have two right siblings), and then the same hashes prove the same root
        // for another possible tree; binding size to root is the signed checkpoint's job.
        type Args = [number | bigint, number | bigint, Buffer, Buffer[], Buffer];
        const probes: Array<[string, Args]> = [
          ['index + 1', [i + 1, n, leaf, proof, root]],
          ['index - 1', [i - 1, n, leaf, proof, root]],
          ['index xor 2', [i ^ 2, n, leaf, proof, root]],
          ['size * 2', [i, n * 2, leaf, proof, root]],
          ['size / 2', [i, Math.floor(n / 2), leaf, proof, root]],
          ['other leaf', [i, n, hashes[(i + 1) % MAX], proof, root]],
          ['leaf bit flipped', [i, n, flipBit(leaf, i % 256), proof, root]],
          ['leaf truncated', [i, n, leaf.subarray(0, 31), proof, root]],
          ['root bit flipped', [i, n, leaf, proof, flipBit(root, i % 256)]],
          ['root of size - 1', [i, n, leaf, proof, roots[n - 1]]],
          ['root truncated', [i, n, leaf, proof, root.subarray(0, 31)]],
          ['root with garbage after', [i, n, leaf, proof, Buffer.concat([root, garbage])]],
          ['empty root', [i, n, leaf, proof, Buffer.alloc(0)]],
          ...corruptProof(proof, [root, leaf]).map(([name, p]): [string, Args] => [
            name,
            [i, n, leaf, p, root],
          ]),
        ];
        const original = key([i, n, leaf, proof, root]);
        for (const [name, args] of probes) {
          if (key(args) === original) continue;
          const error = expectProofError(
            () => verifyInclusion(...args),
            undefined,
            `${name}, ${i}/${n}`,
          );
          codes.add(error.code);
          probesRun++;
        }
      }
    });
  }

  it('ran many probes, rejected for all the expected reasons', () => {
    assert.ok(probesRun > 30_000, `${probesRun} probes`);
    assert.deepEqual([...codes].sort(), [
      'bad-hash-length',
      'bad-integer',
      'index-out-of-range',
      'root-mismatch',
      'wrong-proof-size',
    ]);
  });
});

describe('verifyConsistency rejects every corruption of a valid proof', () => {
  const codes = new Set<string>();
  let probesRun = 0;

  for (let n = 1; n <= MAX; n++) {
    it(`every earlier size of a tree of ${n}`, () => {
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(m, n, store);
        const [root1, root2] = [roots[m], roots[n]];
        verifyConsistency(m, n, proof, root1, root2);

        type Args = [number | bigint, number | bigint, Buffer[], Buffer, Buffer];
        const probes: Array<[string, Args]> = [
          ['size1 + 1', [m + 1, n, proof, root1, root2]],
          ['size1 - 1', [m - 1, n, proof, root1, root2]],
          ['size1 xor 2', [m ^ 2, n, proof, root1, root2]],
          ['size2 * 2', [m, n * 2, proof, root1, root2]],
          ['size2 / 2', [m, Math.floor(n / 2), proof, root1, root2]],
          ['swapped roots', [m, n, proof, root2, root1]],
          ['root1 bit flipped', [m, n, proof, flipBit(root1, m % 256), root2]],
          ['root2 bit flipped', [m, n, proof, root1, flipBit(root2, n % 256)]],
          ['root1 truncated', [m, n, proof, root1.subarray(0, 31), root2]],
          ['root2 with garbage after', [m, n, proof, root1, Buffer.concat([root2, garbage])]],
          ['empty root2', [m, n, proof, root1, Buffer.alloc(0)]],
          ...corruptProof(proof, [root1, root2]).map(([name, p]): [string, Args] => [
            name,
            [m, n, p, root1, root2],
          ]),
        ];
        const original = key([m, n, proof, root1, root2]);
        for (const [name, args] of probes) {
          if (key(args) === original) continue;
          const error = expectProofError(
            () => verifyConsistency(...args),
            undefined,
            `${name}, ${m}->${n}`,
          );
          codes.add(error.code);
          probesRun++;
        }
      }
    });
  }

  it('ran many probes, rejected for all the expected reasons', () => {
    assert.ok(probesRun > 30_000, `${probesRun} probes`);
    assert.deepEqual([...codes].sort(), [
      'bad-hash-length',
      'root-mismatch',
      'size-order',
      'size-zero',
      'wrong-proof-size',
    ]);
  });
});

describe('verifier arguments', () => {
  const proof = inclusionProof(5, 13, store);

  it('accept numbers and bigints alike', () => {
    verifyInclusion(5n, 13n, hashes[5], proof, roots[13]);
    verifyInclusion(5, 13n, hashes[5], proof, roots[13]);
    verifyConsistency(7n, 13, consistencyProof(7, 13, store), roots[7], roots[13]);
  });

  const badIntegers: Array<[string, number | bigint]> = [
    ['negative number', -1],
    ['negative bigint', -1n],
    ['fraction', 0.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['unsafe number 2^53', 2 ** 53],
    ['bigint 2^64', 2n ** 64n],
  ];
  for (const [name, value] of badIntegers) {
    it(`reject ${name} as an index or size with bad-integer`, () => {
      const error = expectProofError(
        () => verifyInclusion(value, 13, hashes[5], proof, roots[13]),
        'bad-integer',
      );
      assert.deepEqual(error.detail, { code: 'bad-integer', argument: 'index', value });
      expectProofError(() => verifyInclusion(5, value, hashes[5], proof, roots[13]), 'bad-integer');
      expectProofError(() => verifyConsistency(value, 13, [], roots[7], roots[13]), 'bad-integer');
      expectProofError(() => verifyConsistency(7, value, [], roots[7], roots[13]), 'bad-integer');
    });
  }

  it('take 2^64 - 1 as an integer (then reject the index as out of range)', () => {
    expectProofError(
      () => verifyInclusion(2n ** 64n - 1n, 13, hashes[5], proof, roots[13]),
      'index-out-of-range',
    );
  });

  it('rootFromInclusionProof returns the root, as a new array, even for a one-leaf tree', () => {
    const root = rootFromInclusionProof(0, 1, hashes[0], []);
    assert.deepEqual(root, Uint8Array.from(hashes[0]));
    assert.notEqual(root, hashes[0]);
    assert.deepEqual(rootFromInclusionProof(5, 13, hashes[5], proof), Uint8Array.from(roots[13]));
  });

  it('verifyConsistency: equal sizes need an empty proof and equal roots', () => {
    verifyConsistency(9, 9, [], roots[9], roots[9]);
    expectProofError(
      () => verifyConsistency(9, 9, [roots[9]], roots[9], roots[9]),
      'wrong-proof-size',
    );
    expectProofError(() => verifyConsistency(9, 9, [], roots[9], roots[8]), 'root-mismatch');
  });

  it('verifyConsistency: the empty tree has the empty root and extends only itself', () => {
    verifyConsistency(0, 0, [], EMPTY_ROOT, EMPTY_ROOT);
    const error = expectProofError(
      () => verifyConsistency(0, 0, [], roots[1], roots[1]),
      'root-mismatch',
    );
    assert.equal(error.detail.code === 'root-mismatch' && error.detail.argument, 'root1');
    expectProofError(() => verifyConsistency(0, 1, [], EMPTY_ROOT, roots[1]), 'size-zero');
  });

  it('do not depend on the exported EMPTY_ROOT instance', () => {
    const saved = Buffer.from(EMPTY_ROOT);
    try {
      EMPTY_ROOT.fill(0);
      verifyConsistency(0, 0, [], saved, saved);
    } finally {
      saved.copy(EMPTY_ROOT);
    }
  });

  it('throw ProofError instances', () => {
    assert.throws(() => verifyInclusion(0, 0, hashes[0], [], roots[1]), ProofError);
  });
});
