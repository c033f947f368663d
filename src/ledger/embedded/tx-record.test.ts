import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import * as verifier from '../verifier';
import { decodeLeafRecord } from './tx-record';
import { partCount } from './tx-commitment';
import { openTx, TxOpeningError, type TxOpeningRow } from './tx-open';
import { sealTransaction } from './tx-seal';

const TX = {
  txId: 'a'.repeat(64),
  block: 3,
  seq: 41,
  contract: 'points',
  fn: 'transfer',
  creator: { mspId: 'OperatorMSP', id: 'api' },
  timestamp: '2026-12-06T10:00:00.000Z',
  reads: [
    ['\u0000customer\u0000alice\u0000', 7],
    ['\u0000customer\u0000bob\u0000', null],
  ] as Array<[string, number | null]>,
  ranges: [
    {
      start: '\u0000lot\u0000alice\u0000',
      end: '\u0000lot\u0000alice\u0001',
      keys: [['\u0000lot\u0000alice\u0000L1\u0000', 7]] as Array<[string, number]>,
    },
  ],
  writes: [
    ['\u0000lot\u0000alice\u0000L1\u0000', null],
    ['\u0000lot\u0000bob\u0000L2\u0000', Buffer.from('{"points":1,"source":"store-9/ticket-4"}')],
  ] as Array<[string, Buffer | null]>,
  event: { name: 'PointsTransferred' },
  validation: 'VALID' as const,
};
const PAYLOAD = {
  args: '["alice","bob","1"]',
  result: Buffer.from('{"ok":true}'),
  eventPayload: Buffer.from('{"from":"alice"}'),
};

function sealed(): TxOpeningRow {
  const salts = randomBytes(verifier.SALT_SIZE * partCount(2, 1, 2, true, true));
  return { ...sealTransaction(TX, PAYLOAD, salts), ...PAYLOAD };
}

describe('version 2 transaction records', () => {
  it('open to exactly what was sealed, with every commitment checked', () => {
    const row = sealed();
    const content = openTx(row, true);
    assert.deepEqual(content.reads, TX.reads);
    assert.deepEqual(content.ranges, TX.ranges);
    assert.deepEqual(
      content.writes.map(([k, v]) => [k, v && Buffer.from(v)]),
      TX.writes,
    );
    assert.equal(content.eventName, 'PointsTransferred');
  });

  it('show nothing of what they commit to in the leaf', () => {
    const leaf = sealed().record.toString('utf8');
    // Base64url digests could hold short words by chance: look for what only the parts say.
    for (const secret of ['alice', 'customer', 'points":1', 'store-9', 'Transferred', '"ok"']) {
      assert.ok(!leaf.includes(secret), `the leaf shows ${secret}`);
    }
    const record = decodeLeafRecord(Buffer.from(leaf));
    assert.equal(record.v, 2);
  });

  it('salt every part afresh: the same transaction sealed twice commits differently', () => {
    const [a, b] = [sealed(), sealed()];
    const [ra, rb] = [a.record, b.record].map((r) => decodeLeafRecord(r));
    assert.ok(ra!.v === 2 && rb!.v === 2);
    const digests = (r: typeof ra) =>
      r!.v === 2 ? [r!.args, ...r!.reads, ...r!.ranges, ...r!.writes, r!.result, r!.event] : [];
    const all = [...digests(ra), ...digests(rb)];
    assert.equal(new Set(all).size, all.length);
  });

  it('commit as the Node-free verifier computes it', () => {
    const row = sealed();
    const record = decodeLeafRecord(row.record);
    assert.ok(record.v === 2);
    const first = row.opening!.subarray(0, verifier.SALT_SIZE);
    assert.equal(verifier.commitment('args', first, verifier.argsBody(PAYLOAD.args)), record.args);
    const lastWrite = row.opening!.subarray(5 * verifier.SALT_SIZE, 6 * verifier.SALT_SIZE);
    const body = verifier.writeBody(TX.writes[1]![0], TX.writes[1]![1]);
    assert.equal(verifier.commitment('write', lastWrite, body), record.writes[1]);
    const salt = (part: number) =>
      row.opening!.subarray(part * verifier.SALT_SIZE, (part + 1) * verifier.SALT_SIZE);
    const [key, version] = TX.reads[1]!;
    assert.equal(
      verifier.commitment('read', salt(2), verifier.readBody(key, version)),
      record.reads[1],
    );
    assert.equal(
      verifier.commitment('range', salt(3), verifier.rangeBody(TX.ranges[0]!)),
      record.ranges[0],
    );
    const deletion = verifier.writeBody(TX.writes[0]![0], null);
    assert.equal(verifier.commitment('write', salt(4), deletion), record.writes[0]);
    const result = verifier.resultBody(PAYLOAD.result);
    assert.equal(verifier.commitment('result', salt(6), result), record.result);
    const event = verifier.eventBody(TX.event.name, PAYLOAD.eventPayload);
    assert.equal(verifier.commitment('event', salt(7), event), record.event);
  });

  it('catch a flipped bit in any byte stored beside the record', () => {
    const row = sealed();
    const stored = {
      opening: row.opening!,
      args: Buffer.from(row.args),
      result: row.result!,
      eventPayload: row.eventPayload!,
    };
    for (const [column, bytes] of Object.entries(stored)) {
      for (let i = 0; i < bytes.length; i++) {
        const flipped = Buffer.from(bytes);
        flipped[i]! ^= 0x01;
        const tampered = {
          ...row,
          [column]: column === 'args' ? flipped.toString('latin1') : flipped,
        };
        assert.throws(() => openTx(tampered, true), TxOpeningError, `${column} byte ${i}`);
      }
    }
  });
});
