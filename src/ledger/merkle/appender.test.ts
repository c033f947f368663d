// The appender against the literal reference: roots after every append, the nodes it reports,
// and restarts from a store at every size.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LogAppender } from './appender';
import { EMPTY_ROOT } from './hasher';
import { MemoryNodeStore } from './memory-store';
import type { NodeReader, StoredNode } from './node-store';
import { expectProofError } from './testonly/assertions';
import { arrayMth } from './testonly/reference';
import { leafHashes, randomInts, WatchedReader } from './testonly/trees';

const EXHAUSTIVE = 130;
const hashes = leafHashes(4097);
const mth = arrayMth(hashes);

/** The reference's view of what appending leaf `i` completes: (level, index) pairs, bottom up. */
function completedBy(i: number): Array<{ level: number; index: number }> {
  const nodes = [];
  for (let level = 0; (i + 1) % 2 ** level === 0; level++) {
    nodes.push({ level, index: (i + 1) / 2 ** level - 1 });
  }
  return nodes;
}

function expectedNodes(i: number): StoredNode[] {
  return completedBy(i).map(({ level, index }) => ({
    level,
    index,
    hash: mth(BigInt(index * 2 ** level), BigInt((index + 1) * 2 ** level)),
  }));
}

function popCount(n: number): number {
  return n.toString(2).replaceAll('0', '').length;
}

describe('LogAppender', () => {
  it('starts empty with the empty root, returned as a copy', () => {
    const appender = new LogAppender();
    assert.equal(appender.size, 0);
    const root = appender.root();
    assert.deepEqual(root, EMPTY_ROOT);
    root.fill(0);
    assert.deepEqual(appender.root(), EMPTY_ROOT);
  });

  it(`matches the reference root and reports exactly the completed nodes, sizes 1..${EXHAUSTIVE}`, () => {
    const appender = new LogAppender();
    for (let i = 0; i < EXHAUSTIVE; i++) {
      assert.deepEqual(appender.append(hashes[i]), expectedNodes(i), `leaf ${i}`);
      assert.equal(appender.size, i + 1);
      assert.deepEqual(appender.root(), mth(0n, BigInt(i + 1)), `size ${i + 1}`);
    }
  });

  it(`restarts from a store at every size 0..${EXHAUSTIVE}, reading only the frontier`, () => {
    const store = new MemoryNodeStore();
    const original = new LogAppender();
    for (let i = 0; i < EXHAUSTIVE; i++) store.put(original.append(hashes[i]));
    for (let n = 0; n <= EXHAUSTIVE; n++) {
      const reader = new WatchedReader(store, n);
      const restarted = LogAppender.fromStore(n, reader);
      assert.equal(reader.reads, popCount(n), `reads at ${n}`);
      assert.equal(restarted.size, n);
      assert.deepEqual(restarted.root(), mth(0n, BigInt(n)), `root at ${n}`);
      for (let i = n; i < Math.min(n + 40, EXHAUSTIVE); i++) {
        assert.deepEqual(restarted.append(hashes[i]), expectedNodes(i), `leaf ${i} after ${n}`);
        assert.deepEqual(restarted.root(), mth(0n, BigInt(i + 1)), `size ${i + 1} after ${n}`);
      }
    }
  });

  it('builds a 4097-leaf log, restarting at random sizes, with reference roots', () => {
    const store = new MemoryNodeStore();
    let appender = new LogAppender();
    const next = randomInts('appender');
    const checkpoints = new Set([1023, 1024, 1025, 2048, 4096, 4097]);
    for (let k = 0; k < 20; k++) checkpoints.add(1 + next(4097));
    const restarts = new Set(Array.from({ length: 10 }, () => next(4097)));
    let checked = 0;
    for (let i = 0; i < 4097; i++) {
      if (restarts.has(i)) appender = LogAppender.fromStore(i, store);
      store.put(appender.append(hashes[i]));
      if (checkpoints.has(i + 1)) {
        assert.deepEqual(appender.root(), mth(0n, BigInt(i + 1)), `size ${i + 1}`);
        checked++;
      }
    }
    assert.equal(checked, checkpoints.size);
    assert.equal(store.count, 2 * 4097 - popCount(4097));
  });

  it('copies the leaf hash it is given', () => {
    const appender = new LogAppender();
    const leaf = Buffer.from(hashes[0]);
    appender.append(leaf);
    leaf.fill(0);
    assert.deepEqual(appender.root(), hashes[0]);
  });

  it('rejects a leaf hash that is not 32 bytes, without changing state', () => {
    const appender = new LogAppender();
    appender.append(hashes[0]);
    const error = expectProofError(() => appender.append(Buffer.alloc(31)), 'bad-hash-length');
    assert.deepEqual(error.detail, {
      code: 'bad-hash-length',
      argument: 'leafHash',
      expected: 32,
      actual: 31,
    });
    assert.equal(appender.size, 1);
    assert.deepEqual(appender.root(), hashes[0]);
  });

  it('rejects sizes it cannot address, and appends beyond 2^53 - 1 leaves', () => {
    const anyNode: NodeReader = { node: () => hashes[0] };
    expectProofError(() => LogAppender.fromStore(2n ** 53n, anyNode), 'bad-integer');
    expectProofError(() => LogAppender.fromStore(-1, anyNode), 'bad-integer');
    const full = LogAppender.fromStore(Number.MAX_SAFE_INTEGER, anyNode);
    assert.equal(full.size, Number.MAX_SAFE_INTEGER);
    expectProofError(() => full.append(hashes[1]), 'bad-integer');
    assert.equal(full.size, Number.MAX_SAFE_INTEGER);
  });
});
