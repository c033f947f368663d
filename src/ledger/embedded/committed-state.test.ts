import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { CommittedState } from './committed-state';
import { LedgerStore } from './store';

describe('CommittedState', () => {
  let dir: string;
  let store: LedgerStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'eter-state-'));
    store = new LedgerStore(join(dir, 'ledger.db'));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves a validated block before it is durable, and from the cache after', () => {
    const state = new CommittedState(store);
    const writes = new Map([['k', { value: Buffer.from('v1'), version: 7 }]]);
    state.applyBlock(0, writes);
    assert.deepEqual(state.get('k'), { value: Buffer.from('v1'), version: 7, block: 0 });
    state.markDurable(0, writes);
    const durable = state.get('k');
    assert.deepEqual([durable.value, durable.version], [Buffer.from('v1'), 7]);
    // Nothing was written to the file: the value can only come from the cache.
    assert.equal(store.getState('k'), undefined);
  });

  it('caches a value decoded as a view into a larger message in a buffer of its own', () => {
    const state = new CommittedState(store);
    const message = Buffer.alloc(4096, 0x20);
    message.write('{"ticket":1}', 100);
    const view = message.subarray(100, 112);
    const writes = new Map([['t', { value: view, version: 3 }]]);
    state.applyBlock(0, writes);
    state.markDurable(0, writes);
    const cached = state.get('t').value!;
    assert.equal(cached.toString(), '{"ticket":1}');
    assert.equal(cached.buffer.byteLength, 12, 'the 4 KiB message is not kept alive');
  });

  it('keeps only the versions of written keys when told to, and reads their values from the file', () => {
    const state = new CommittedState(store, 1_000, 1024 * 1024, false);
    const writes = new Map([['k', { value: Buffer.from('v1'), version: 7 }]]);
    state.applyBlock(0, writes);
    state.markDurable(0, writes);
    assert.equal(state.version('k'), 7, 'from memory: the file has no such key');
    // The value is not kept: it is read from the file, which here lacks it.
    const read = state.get('k');
    assert.deepEqual([read.value, read.version], [null, null]);
  });

  it('evicts the oldest entries once over its byte bound', () => {
    const state = new CommittedState(store, 1_000, 4 * 1024);
    for (let block = 0; block < 8; block++) {
      const writes = new Map([[`k${block}`, { value: Buffer.alloc(1_000), version: block }]]);
      state.applyBlock(block, writes);
      state.markDurable(block, writes);
    }
    // The oldest came back from the file (absent there), the newest from memory.
    assert.deepEqual(state.get('k0'), { value: null, version: null });
    assert.equal(state.get('k7').version, 7);
  });

  describe('unchangedSince', () => {
    const commit = (state: CommittedState, block: number, key: string) => {
      const writes = new Map([[key, { value: Buffer.alloc(1_000), version: block }]]);
      state.applyBlock(block, writes);
      state.markDurable(block, writes);
    };

    it('cannot tell before writes are tracked, nor for heights before tracking began', () => {
      const state = new CommittedState(store);
      assert.equal(state.unchangedSince('k', 0), false);
      state.trackWritesFrom(5);
      assert.equal(state.unchangedSince('k', 5), true);
      assert.equal(state.unchangedSince('k', 4), false);
    });

    it('is false for a key a block wrote, pending or durable', () => {
      const state = new CommittedState(store);
      state.trackWritesFrom(0);
      const writes = new Map([['k', { value: Buffer.from('v'), version: 0 }]]);
      state.applyBlock(0, writes);
      assert.equal(state.unchangedSince('k', 0), false);
      state.markDurable(0, writes);
      assert.equal(state.unchangedSince('k', 0), false);
      assert.equal(state.unchangedSince('other', 0), true);
    });

    it('gives up on the heights before a block whose write it evicted', () => {
      const state = new CommittedState(store, 1_000, 3_400);
      state.trackWritesFrom(0);
      commit(state, 0, 'a');
      commit(state, 1, 'b');
      commit(state, 2, 'c'); // over 3,400 bytes: the oldest, 'a' (block 0), goes
      assert.equal(state.unchangedSince('a', 0), false, 'a was written in block 0');
      assert.equal(state.unchangedSince('x', 0), false);
      assert.equal(state.unchangedSince('x', 1), true);
      assert.equal(state.unchangedSince('b', 1), false);
    });

    it('does not count a newer write of a cached key as an eviction', () => {
      const state = new CommittedState(store);
      state.trackWritesFrom(0);
      commit(state, 0, 'k');
      commit(state, 1, 'k');
      assert.equal(state.unchangedSince('x', 0), true);
    });

    it('cannot tell after a reset, until tracking starts again', () => {
      const state = new CommittedState(store);
      state.trackWritesFrom(0);
      state.reset();
      assert.equal(state.unchangedSince('k', 3), false);
      state.trackWritesFrom(3);
      assert.equal(state.unchangedSince('k', 3), true);
    });
  });
});
