// Every error code is documented and produced, with its fields, by some input.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  NodeStoreError,
  PROOF_ERROR_CODES,
  ProofError,
  type ProofErrorCode,
  type ProofErrorDetail,
} from './errors';
import { EMPTY_ROOT } from './hasher';
import * as merkle from './index';
import { inclusionProof } from './proof';
import { expectProofError } from './testonly/assertions';
import { leafHashes, storeOf } from './testonly/trees';
import { verifyConsistency, verifyInclusion } from '../verifier';

const hashes = leafHashes(4);
const store = storeOf(hashes);
const root4 = merkle.rootOf(4, store);
const proof = inclusionProof(1, 4, store);

// One input per code, and the exact fields it must carry.
const CASES: Record<ProofErrorCode, [() => unknown, ProofErrorDetail]> = {
  'bad-integer': [
    () => verifyInclusion(1, -4, hashes[1], proof, root4),
    { code: 'bad-integer', argument: 'size', value: -4 },
  ],
  'bad-hash-length': [
    () => verifyInclusion(1, 4, hashes[1], [proof[0], proof[1].subarray(2)], root4),
    { code: 'bad-hash-length', argument: 'proof[1]', expected: 32, actual: 30 },
  ],
  'index-out-of-range': [
    () => verifyInclusion(4, 4, hashes[1], proof, root4),
    { code: 'index-out-of-range', index: 4n, size: 4n },
  ],
  'size-order': [
    () => verifyConsistency(3, 2n, [], root4, root4),
    { code: 'size-order', size1: 3n, size2: 2n },
  ],
  'size-zero': [
    () => verifyConsistency(0, 4, [], EMPTY_ROOT, root4),
    { code: 'size-zero', size2: 4n },
  ],
  'wrong-proof-size': [
    () => verifyInclusion(1, 4, hashes[1], [...proof, root4], root4),
    { code: 'wrong-proof-size', expected: 2, actual: 3 },
  ],
  'root-mismatch': [
    () => verifyInclusion(1, 4, hashes[1], proof, hashes[0]),
    {
      code: 'root-mismatch',
      argument: 'root',
      expected: Uint8Array.from(root4),
      actual: Uint8Array.from(hashes[0]),
    },
  ],
};

describe('ProofError', () => {
  it('every code is documented', () => {
    for (const [code, text] of Object.entries(PROOF_ERROR_CODES)) {
      assert.ok(text.length > 20, code);
    }
    assert.deepEqual(Object.keys(CASES).sort(), Object.keys(PROOF_ERROR_CODES).sort());
  });

  for (const [code, [fn, detail]] of Object.entries(CASES)) {
    it(`${code}: raised with its fields`, () => {
      const error = expectProofError(fn, code as ProofErrorCode);
      assert.deepEqual(error.detail, detail);
      assert.equal(error.name, 'ProofError');
      assert.ok(error instanceof Error);
      assert.ok(error.message.length > 0);
    });
  }

  it('is what the public surface exports', () => {
    assert.equal(merkle.ProofError, ProofError);
    assert.equal(merkle.NodeStoreError, NodeStoreError);
    assert.equal(merkle.PROOF_ERROR_CODES, PROOF_ERROR_CODES);
  });
});

describe('public surface', () => {
  it('exports exactly the hand-picked names', () => {
    assert.deepEqual(Object.keys(merkle).sort(), [
      'EMPTY_ROOT',
      'HASH_SIZE',
      'LogAppender',
      'MemoryNodeStore',
      'NodeStoreError',
      'PROOF_ERROR_CODES',
      'ProofError',
      'consistencyProof',
      'hashChildren',
      'hashLeaf',
      'inclusionProof',
      'rootFromInclusionProof',
      'rootOf',
      'verifyConsistency',
      'verifyInclusion',
    ]);
  });
});
