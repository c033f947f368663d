import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getRecord, getSharedRecord } from './state';

/** A stub over a map of key to bytes, as a peer or the embedded ledger serves them. */
function stubOf(values: Map<string, Uint8Array>) {
  return { getState: async (key: string) => values.get(key) ?? new Uint8Array(0) };
}

describe('getSharedRecord', () => {
  it('parses the same bytes once and hands out a frozen record', async () => {
    const bytes = Buffer.from('{"storeId":"store-001","rates":{"bp":100}}');
    const stub = stubOf(new Map([['k', bytes]]));
    const first = await getSharedRecord<{ rates: { bp: number } }>(stub, 'k');
    const again = await getSharedRecord<{ rates: { bp: number } }>(stub, 'k');
    assert.equal(again, first, 'the same object for the same bytes');
    assert.ok(
      Object.isFrozen(first) && Object.isFrozen(first?.rates),
      'frozen, nested objects too',
    );
    assert.throws(() => {
      (first as { rates: { bp: number } }).rates.bp = 1;
    }, TypeError);
  });

  it('parses new bytes for a key afresh, even with equal text', async () => {
    const values = new Map([['k', Buffer.from('{"n":1}')]]);
    const stub = stubOf(values);
    const before = await getSharedRecord<{ n: number }>(stub, 'k');
    values.set('k', Buffer.from('{"n":2}'));
    assert.deepEqual(await getSharedRecord(stub, 'k'), { n: 2 });
    values.set('k', Buffer.from('{"n":1}'));
    const after = await getSharedRecord<{ n: number }>(stub, 'k');
    assert.deepEqual(after, before);
    assert.notEqual(after, before);
  });

  it('answers undefined for an absent key', async () => {
    assert.equal(await getSharedRecord(stubOf(new Map()), 'k'), undefined);
  });
});

describe('getRecord', () => {
  it("parses every read afresh: the record is the caller's own", async () => {
    const stub = stubOf(new Map([['k', Buffer.from('{"n":1}')]]));
    const first = await getRecord<{ n: number }>(stub, 'k');
    const again = await getRecord<{ n: number }>(stub, 'k');
    assert.notEqual(again, first);
    assert.ok(!Object.isFrozen(first));
  });
});
