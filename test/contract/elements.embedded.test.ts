/**
 * Version 3 records on the embedded ledger with the real contracts: a ticket's lines committed
 * one by one (docs/ledger.md), the node's digests equal to the portable verifier's byte for
 * byte, and `eter verify` catching a changed line salt, decoy seed or line.
 */
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { newContracts } from '../../src/contract';
import { EmbeddedLedger, LEDGER_FILE, decodeLeafRecord } from '../../src/ledger/embedded';
import { LedgerStore } from '../../src/ledger/embedded/store';
import { storedElements, leafOfRow } from '../../src/ledger/embedded/tx-leaf';
import { elementRulesOf } from '../../src/ledger/embedded/tx-elements';
import { verifyLedger } from '../../src/ledger/embedded/verifier';
import {
  decoyDigest,
  disclosureDigest,
  elementDisclosure,
  encodeLeafV3,
  leafElementDigests,
  partsDigest,
  SALT_SIZE,
} from '../../src/ledger/verifier';
import type { TxRecordV2 } from '../../src/ledger/embedded/tx-record';
import { tempDir } from '../support/engines';
import { PointsNetwork } from '../support/points-network';

describe('version 3 records of tickets', () => {
  const dir = tempDir('eter-elements-');
  let file: string;
  let publicKey: Parameters<typeof verifyLedger>[1];
  let ticketSeq = -1;

  before(async () => {
    const ledger = EmbeddedLedger.open({
      dataDir: dir.path,
      contracts: newContracts(),
      cutting: { maxTransactions: 8, timeoutMs: 2 },
    });
    const net = new PointsNetwork({ gateway: ledger, close: async () => {} });
    await net.provision();
    await net.earn('cust-ann', 500);
    await net.earn('cust-bob', 300);
    publicKey = ledger.key.publicKey;
    await ledger.close();
    file = join(dir.path, LEDGER_FILE);
    const store = new LedgerStore(file, { readonly: true });
    for (let seq = 0; ; seq++) {
      const row = store.transactionAt(seq);
      if (row === undefined) break;
      if (decodeLeafRecord(row.record).fn === 'RecordTicket') ticketSeq = seq;
    }
    store.close();
    assert.ok(ticketSeq >= 0);
  });
  after(() => dir.cleanup());

  it('takes its element rules from the contracts: the tickets contract declares its lines', () => {
    assert.deepEqual(elementRulesOf(newContracts()), [
      { contract: 'tickets', fn: 'RecordTicket', arg: 0, property: 'lines' },
    ]);
  });

  it('seals the leaf the portable verifier computes, byte for byte', () => {
    const store = new LedgerStore(file, { readonly: true });
    try {
      const row = store.transactionAt(ticketSeq)!;
      const record = decodeLeafRecord(row.record) as TxRecordV2;
      assert.equal(record.v, 3);
      assert.deepEqual(record.elements, { arg: 0, property: 'lines' });
      const elements = storedElements(record, row)!;
      assert.ok(elements.json.length > 0);
      const digests = elements.json.map((json, i) =>
        disclosureDigest(
          elementDisclosure(
            elements.opening.salts.subarray(i * SALT_SIZE, (i + 1) * SALT_SIZE),
            json,
          ),
        ),
      );
      const listed = leafElementDigests(digests, elements.opening.seed, decoyDigest);
      const portable = encodeLeafV3(record, partsDigest(row.record), listed);
      assert.equal(leafOfRow(record, row).toString('utf8'), portable);
      assert.equal(listed.length, 8);
    } finally {
      store.close();
    }
  });

  it('verifies, and fails when a line salt, the decoy seed or a line changes', () => {
    assert.equal(verifyLedger(new LedgerStore(file, { readonly: true }), publicKey).ok, true);
    const tamperings: Array<[string, (opening: Buffer, args: string) => [Buffer, string]]> = [
      ['a line salt', (o, a) => [flip(o, o.length - SALT_SIZE - 1), a]],
      ['the decoy seed', (o, a) => [flip(o, o.length - 1), a]],
      [
        'a line',
        (o, a) => [
          o,
          a.replace(
            /(\\"quantity\\":\\")(\d)/,
            (_m, p: string, d: string) => p + (d === '9' ? '8' : '9'),
          ),
        ],
      ],
    ];
    for (const [what, tamper] of tamperings) {
      const copy = join(dir.path, `tampered-${what.replace(/ /g, '-')}.db`);
      const source = new Database(file, { readonly: true });
      source.exec(`VACUUM INTO '${copy}'`);
      source.close();
      const db = new Database(copy);
      const row = db.prepare('SELECT opening, args FROM tx WHERE seq = ?').get(ticketSeq) as {
        opening: Buffer;
        args: string;
      };
      const [opening, args] = tamper(Buffer.from(row.opening), row.args);
      assert.ok(!opening.equals(row.opening) || args !== row.args, `${what} was changed`);
      db.prepare('UPDATE tx SET opening = ?, args = ? WHERE seq = ?').run(opening, args, ticketSeq);
      db.close();
      const store = new LedgerStore(copy, { readonly: true });
      try {
        const report = verifyLedger(store, publicKey);
        assert.equal(report.ok, false, what);
      } finally {
        store.close();
      }
    }
  });
});

function flip(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at]! ^= 0x01;
  return copy;
}
