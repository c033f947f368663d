import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newTxId } from './tx-id';

describe('newTxId', () => {
  it('is 64 lowercase hex digits that start with the time in milliseconds', () => {
    const id = newTxId(0x18c_2f3a_4b5c);
    assert.match(id, /^[0-9a-f]{64}$/);
    assert.equal(id.slice(0, 12), '018c2f3a4b5c');
  });

  it('sorts by time, and never repeats across refills of its random pool', () => {
    const ids = Array.from({ length: 1_000 }, (_, i) => newTxId(1_700_000_000_000 + i));
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(new Set(ids.map((id) => id.slice(12))).size, ids.length);
  });
});
