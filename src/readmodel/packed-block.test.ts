import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LedgerBlock } from '../ledger/gateway';
import { packBlock, unpackBlock } from './packed-block';

const tx = (id: string, payloads: Uint8Array[]) => ({
  transactionId: id,
  validationCode: 'VALID' as const,
  contract: 'tickets',
  fn: 'RecordTicket',
  creatorMspId: 'RetailerMSP',
  timestamp: '2026-11-30T10:00:00.000Z',
  events: payloads.map((payload, i) => ({
    blockNumber: 7,
    transactionId: id,
    contract: 'tickets',
    name: `E${i}`,
    payload,
  })),
});

describe('packBlock', () => {
  it('carries every event payload in one buffer of exactly their size, and unpacks to the same block', () => {
    // A payload decoded from an endorsement is a view into a larger message.
    const message = new Uint8Array(4096).fill(0x20);
    message.set(new TextEncoder().encode('{"b":2}'), 1000);
    const block: LedgerBlock = {
      number: 7,
      transactions: [
        tx('a', [new TextEncoder().encode('{"a":1}')]),
        tx('none', []),
        tx('b', [message.subarray(1000, 1007), new Uint8Array(0)]),
      ],
    };
    const packed = packBlock(block);
    assert.equal(packed.payloads.byteLength, 14);
    const unpacked = unpackBlock(structuredClone(packed, { transfer: [packed.payloads] }));
    assert.equal(packed.payloads.byteLength, 0, 'the bytes were moved, not copied');
    const text = (b: LedgerBlock) =>
      b.transactions.map((t) => ({
        ...t,
        events: t.events.map((e) => ({ ...e, payload: Buffer.from(e.payload).toString() })),
      }));
    assert.deepEqual(text(unpacked), text(block));
  });
});
