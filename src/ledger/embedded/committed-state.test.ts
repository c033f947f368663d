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
    assert.deepEqual(state.get('k'), { value: Buffer.from('v1'), version: 7 });
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
});
