import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EMPTY_ROOT, HASH_SIZE, hashChildren, hashLeaf } from './hasher';
import { refLeafHash, refNodeHash } from './testonly/reference';
import { randomInts } from './testonly/trees';

describe('hasher', () => {
  it('EMPTY_ROOT is SHA-256 of the empty string', () => {
    assert.equal(
      EMPTY_ROOT.toString('hex'),
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('hashLeaf of the empty leaf is the RFC 6962 test tree root of size 1', () => {
    assert.equal(
      hashLeaf(new Uint8Array(0)).toString('hex'),
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
  });

  // Sizes around the scratch buffer's initial size, its growth and its 64 KiB limit.
  const sizes = [0, 1, 31, 32, 33, 64, 1023, 1024, 1025, 4096, 65534, 65535, 65536, 200_000];
  for (const size of sizes) {
    it(`hashLeaf matches SHA-256(0x00 || data) for ${size} bytes`, () => {
      const data = Buffer.alloc(size, size % 251);
      const got = hashLeaf(data);
      assert.equal(got.length, HASH_SIZE);
      assert.deepEqual(got, refLeafHash(data));
    });
  }

  it('hashLeaf reads a Uint8Array view at its own offset', () => {
    const backing = Buffer.from('xxhello worldyy');
    const view = new Uint8Array(backing.buffer, backing.byteOffset + 2, 11);
    assert.deepEqual(hashLeaf(view), refLeafHash(Buffer.from('hello world')));
  });

  it('returns fresh buffers: a later call does not change an earlier result', () => {
    const first = hashLeaf(Buffer.from('a'));
    const copy = Buffer.from(first);
    hashLeaf(Buffer.alloc(5000, 7));
    const node = hashChildren(first, first);
    const nodeCopy = Buffer.from(node);
    hashChildren(node, node);
    assert.deepEqual(first, copy);
    assert.deepEqual(node, nodeCopy);
  });

  it('hashChildren matches SHA-256(0x01 || left || right), in order', () => {
    const next = randomInts('hasher');
    for (let i = 0; i < 100; i++) {
      const left = refLeafHash(Buffer.from([next(256)]));
      const right = refLeafHash(Buffer.from([next(256), 1]));
      assert.deepEqual(hashChildren(left, right), refNodeHash(left, right));
      assert.notDeepEqual(hashChildren(left, right), hashChildren(right, left));
    }
  });

  it('hashChildren is correct for inputs that are not 32 bytes', () => {
    const cases: Array<[Buffer, Buffer]> = [
      [Buffer.alloc(0), Buffer.alloc(0)],
      [Buffer.alloc(31, 1), Buffer.alloc(33, 2)],
      [Buffer.alloc(64, 3), Buffer.alloc(1, 4)],
    ];
    for (const [left, right] of cases) {
      assert.deepEqual(hashChildren(left, right), refNodeHash(left, right));
    }
  });

  it('separates leaves from nodes (second-preimage defence)', () => {
    const left = hashLeaf(Buffer.from('l'));
    const right = hashLeaf(Buffer.from('r'));
    assert.notDeepEqual(hashLeaf(Buffer.concat([left, right])), hashChildren(left, right));
  });
});
