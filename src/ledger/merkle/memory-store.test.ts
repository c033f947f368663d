import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NodeStoreError } from './errors';
import { MemoryNodeStore } from './memory-store';
import { leafHashes } from './testonly/trees';

const [a, b] = leafHashes(2);

describe('MemoryNodeStore', () => {
  it('returns what was put, by level and index', () => {
    const store = new MemoryNodeStore();
    store.put([
      { level: 0, index: 7, hash: a },
      { level: 3, index: 7, hash: b },
    ]);
    assert.deepEqual(store.node(0, 7), a);
    assert.deepEqual(store.node(3, 7), b);
    assert.equal(store.has(3, 7), true);
    assert.equal(store.has(3, 6), false);
    assert.equal(store.has(9, 0), false);
    assert.equal(store.count, 2);
  });

  it('throws node-missing with the node address', () => {
    const store = new MemoryNodeStore();
    store.put([{ level: 0, index: 0, hash: a }]);
    for (const [level, index] of [
      [0, 1],
      [1, 0],
      [60, 0],
    ]) {
      assert.throws(
        () => store.node(level, index),
        (err) =>
          err instanceof NodeStoreError &&
          err.code === 'node-missing' &&
          err.level === level &&
          err.index === index,
      );
    }
  });

  it('accepts the same node twice, rejects a different hash with node-conflict', () => {
    const store = new MemoryNodeStore();
    store.put([{ level: 2, index: 1, hash: a }]);
    store.put([{ level: 2, index: 1, hash: Buffer.from(a) }]);
    assert.equal(store.count, 1);
    assert.throws(
      () => store.put([{ level: 2, index: 1, hash: b }]),
      (err) => err instanceof NodeStoreError && err.code === 'node-conflict' && err.level === 2,
    );
    assert.deepEqual(store.node(2, 1), a);
  });

  it('keeps its own copy of each hash', () => {
    const store = new MemoryNodeStore();
    const hash = Buffer.from(a);
    store.put([{ level: 0, index: 0, hash }]);
    hash.fill(0);
    assert.deepEqual(store.node(0, 0), a);
  });
});
