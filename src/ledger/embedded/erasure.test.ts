import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErasureError, parseErasureRequest, partIndex, partName } from './erasure';
import { keyNames, redactJson } from './erasure-plan';
import type { TxRecordV2 } from './tx-record';

describe('which values name a customer', () => {
  it('finds the id as a composite key attribute, not as a part of one', () => {
    assert.ok(keyNames('\u0000lot\u0000ann\u0000L1\u0000', 'ann'));
    assert.ok(keyNames('\u0000movement\u0000bob\u0000t\u0000ann\u0000', 'ann'));
    assert.ok(!keyNames('\u0000lot\u0000anna\u0000L1\u0000', 'ann'));
    assert.ok(!keyNames('\u0000ann\u0000', 'ann'), 'a key type is not an attribute');
    assert.ok(!keyNames('ann', 'ann'), 'a plain key has no attributes');
  });

  it('redacts members, array elements and JSON inside strings, and nothing else', () => {
    assert.equal(redactJson('{"a":1,"customerId":"bob"}', 'ann', 1, 'args'), undefined);
    assert.equal(
      redactJson('{"customerId":"ann","total":"5.00","ids":["ann","bob"]}', 'ann', 1, 'event'),
      '{"total":"5.00","ids":[null,"bob"]}',
    );
    assert.equal(
      redactJson(
        JSON.stringify([JSON.stringify({ fromCustomerId: 'ann', points: 5 })]),
        'ann',
        1,
        'args',
      ),
      JSON.stringify([JSON.stringify({ points: 5 })]),
    );
    assert.throws(
      () => redactJson('{"note":"lot \\u0000lot\\u0000ann\\u0000x\\u0000"}', 'ann', 7, 'result'),
      (e: unknown) => e instanceof ErasureError && e.code === 'unredactable' && e.seqs[0] === 7,
    );
    assert.throws(
      () => redactJson('\u0000lot\u0000ann\u0000', 'ann', 7, 'writes/0'),
      (e: unknown) => e instanceof ErasureError && e.code === 'unredactable',
    );
  });
});

describe('erasure records', () => {
  const record = {
    reads: ['r0', 'r1'],
    ranges: ['g0'],
    writes: ['w0', 'w1'],
    result: 'res',
    event: null,
  } as unknown as TxRecordV2;

  it('name every part, and parse back to the same place', () => {
    const names = ['args', 'reads/0', 'reads/1', 'ranges/0', 'writes/0', 'writes/1', 'result'];
    names.forEach((name, index) => {
      assert.equal(partName(record, index), name);
      assert.equal(partIndex(record, name), index);
    });
    for (const missing of ['event', 'reads/2', 'writes/01', 'writes/-1', 'bogus']) {
      assert.equal(partIndex(record, missing), -1, missing);
    }
  });

  it('are refused when malformed', () => {
    const part = { seq: 1, part: 'args', commitment: 'c' };
    const ok = { erasureId: 'er-1', reason: 'gdpr-art17', parts: [part] };
    assert.equal(parseErasureRequest(JSON.stringify(ok)).erasureId, 'er-1');
    for (const bad of [
      { ...ok, reason: 'Because' },
      { ...ok, erasureId: '' },
      { ...ok, parts: [] },
      { ...ok, parts: [part, part] },
      { ...ok, reference: 'x'.repeat(201) },
    ]) {
      assert.throws(() => parseErasureRequest(JSON.stringify(bad)), JSON.stringify(bad));
    }
  });
});
