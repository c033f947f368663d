import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeValidatedBlock, encodeValidatedBlock } from './block-codec';
import type { ValidatedBlock, ValidatedTransaction } from './validated-block';

const tx = (parts: Partial<ValidatedTransaction>): ValidatedTransaction => ({
  txId: '018c2f3a4b5c' + 'ab'.repeat(26),
  contract: 'tickets',
  fn: 'RecordTicket',
  args: ['{"ticketId":"t1"}'],
  creator: { mspId: 'RetailerMSP', id: 'collector', attributes: { 'eter.role': 'collector' } },
  timestamp: '2026-11-30T09:00:00.000Z',
  reads: [],
  ranges: [],
  writes: [],
  result: null,
  event: null,
  validation: 'VALID',
  ...parts,
});

const BLOCKS: Array<[string, ValidatedBlock]> = [
  [
    'an empty block',
    { number: 0, timestamp: '2026-11-30T09:00:00.000Z', firstSeq: 0, transactions: [] },
  ],
  [
    'valid and invalid transactions with every part',
    {
      number: 2 ** 33,
      timestamp: '2026-11-30T09:00:01.000Z',
      firstSeq: 2 ** 40,
      transactions: [
        tx({
          args: ['a', '', 'é😀'],
          reads: [
            ['k1', 3],
            ['k2', null],
          ],
          ranges: [{ start: 'a', end: '', keys: [['a1', 9]] }],
          writes: [
            ['k1', Buffer.from('{"v":1}')],
            ['k3', null],
            ['bin', Buffer.from([0, 255])],
          ],
          result: Buffer.from('{"ok":true}'),
          event: { name: 'TicketRecorded', payload: Buffer.alloc(40_000, 5) },
        }),
        tx({ creator: { mspId: 'OperatorMSP', id: 'op' }, validation: 'MVCC_READ_CONFLICT' }),
      ],
    },
  ],
];

describe('validated block codec', () => {
  for (const [what, block] of BLOCKS) {
    it(`round-trips ${what}`, () => {
      const bytes = encodeValidatedBlock(block);
      assert.equal(bytes.buffer.byteLength, bytes.byteLength, 'an exact buffer of its own');
      assert.deepEqual(decodeValidatedBlock(bytes), block);
    });
  }

  it('refuses truncated and padded bytes', () => {
    const bytes = encodeValidatedBlock(BLOCKS[1]![1]);
    assert.throws(() => decodeValidatedBlock(bytes.subarray(0, bytes.length - 3)));
    assert.throws(() => decodeValidatedBlock(Buffer.concat([bytes, Buffer.from([1])])), /trailing/);
  });
});
