// The verifier's hashes (noble) equal the node's (node:crypto, used to build the log and by
// `eter verify`), so that what the node writes is what the verifier checks.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import * as merkle from '../merkle';
import { emptyRoot, hashChildren, hashLeaf, sha256, sha256Hex } from './sha256';

describe('verifier SHA-256 and RFC 6962 hashes', () => {
  it('agree with node:crypto and the Merkle package on random inputs', () => {
    for (const n of [0, 1, 55, 56, 63, 64, 65, 1000, 70_000]) {
      const data = randomBytes(n);
      assert.deepEqual(sha256(data), Uint8Array.from(createHash('sha256').update(data).digest()));
      assert.equal(sha256Hex(data), createHash('sha256').update(data).digest('hex'));
      assert.deepEqual(hashLeaf(data), Uint8Array.from(merkle.hashLeaf(data)));
    }
    const [left, right] = [randomBytes(32), randomBytes(32)];
    assert.deepEqual(hashChildren(left, right), Uint8Array.from(merkle.hashChildren(left, right)));
    assert.deepEqual(emptyRoot(), Uint8Array.from(merkle.EMPTY_ROOT));
  });

  it('RFC 6962 §2.1 leaf of the empty string', () => {
    assert.equal(
      Buffer.from(hashLeaf(new Uint8Array(0))).toString('hex'),
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
  });
});
