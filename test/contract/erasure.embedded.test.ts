/**
 * Erasure of a customer on the embedded ledger (docs/ledger.md#erasure-of-a-customer): the
 * customer's parts lose their values and salts, the ledger still verifies, other readers' proofs
 * still check, and the database no longer holds the id.
 */
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { newContracts } from '../../src/contract';
import {
  EmbeddedLedger,
  ErasureError,
  LEDGER_FILE,
  NODE_KEY_FILE,
  NodeKey,
  checkInclusionProof,
  decodeLeafRecord,
  LedgerProofs,
} from '../../src/ledger/embedded';
import { LedgerStore } from '../../src/ledger/embedded/store';
import { verifyLedger, type VerifyFailureCode } from '../../src/ledger/embedded/verifier';
import { PROJECTED_TABLES } from '../../src/readmodel/schema';
import { projectUpTo, ReadModel, rebuildReadModel } from '../../src/readmodel';
import { tempDir } from '../support/engines';
import { ids } from '../support/identities';
import { PointsNetwork } from '../support/points-network';

const ANN = 'cust-ann';

/** A ledger where ann earns, gives to bob, bob earns; then ann is erased. Closed. */
async function erasedLedger(recordVersion: 1 | 2 | 3 = 3) {
  const dir = tempDir('eter-erasure-');
  const ledger = EmbeddedLedger.open({
    dataDir: dir.path,
    contracts: newContracts(),
    cutting: { maxTransactions: 8, timeoutMs: 2 },
    recordVersion,
  });
  const net = new PointsNetwork({ gateway: ledger, close: async () => {} });
  await net.provision();
  await net.earn(ANN, 500);
  await net.earn(ANN, 300);
  await net.transfer(ANN, 'cust-bob', 200);
  await net.earn('cust-bob', 100);
  await net.earn('cust-bob', 50);
  return { dir, ledger, net };
}

/** The id of the last transaction of `fn` in the log. */
function lastTxOf(store: LedgerStore, fn: string): string {
  let found: string | undefined;
  for (let seq = 0; ; seq++) {
    const row = store.transactionAt(seq);
    if (row === undefined) break;
    if (decodeLeafRecord(row.record).fn === fn) found = row.txId;
  }
  assert.ok(found !== undefined, fn);
  return found;
}

/** The last transaction's log index. */
function maxSeq(store: LedgerStore): number {
  let seq = 0;
  while (store.transactionAt(seq + 1) !== undefined) seq++;
  return seq;
}

/** How many rows of the read model hold `id` in any column. */
function rowsNaming(model: ReadModel, id: string): number {
  let n = 0;
  for (const table of PROJECTED_TABLES) {
    for (const row of model.db.prepare(`SELECT * FROM ${table}`).all() as object[]) {
      if (Object.values(row).some((v) => typeof v === 'string' && v.includes(id))) n++;
    }
  }
  return n;
}

function verify(file: string, publicKey: Parameters<typeof verifyLedger>[1]) {
  const store = new LedgerStore(file, { readonly: true });
  try {
    const inline = verifyLedger(store, publicKey);
    assert.deepEqual(verifyLedger(store, publicKey, undefined, { threads: 1 }), inline);
    return inline;
  } finally {
    store.close();
  }
}

describe('erasure of a customer', () => {
  let built: Awaited<ReturnType<typeof erasedLedger>>;
  let file: string;
  let publicKey: Parameters<typeof verifyLedger>[1];
  let erased: { erasureId: string; parts: number; blockNumber: number };
  let live: ReadModel;

  before(async () => {
    built = await erasedLedger();
    file = join(built.dir.path, LEDGER_FILE);
    publicKey = NodeKey.loadOrCreate(join(built.dir.path, NODE_KEY_FILE)).publicKey;
    live = ReadModel.open(join(built.dir.path, 'live.db'));
    await projectUpTo(built.ledger, live, await built.ledger.height());
    assert.ok(rowsNaming(live, ANN) > 0);
    erased = await built.ledger.eraseCustomer(ids.operator, ANN, {
      erasureId: 'er-1',
      reason: 'gdpr-art17',
      reference: 'case 42',
    });
    live.eraseCustomer(ANN);
  });
  after(async () => {
    live.close();
    await built.ledger.close();
    built.dir.cleanup();
  });

  it('leaves no read-model row naming the customer, live or rebuilt from the ledger', async () => {
    await projectUpTo(built.ledger, live, await built.ledger.height());
    const rebuilt = ReadModel.open(join(built.dir.path, 'rebuilt.db'));
    try {
      await rebuildReadModel(built.ledger, rebuilt);
      for (const model of [live, rebuilt]) {
        assert.equal(rowsNaming(model, ANN), 0);
        const bob = model.db
          .prepare(`SELECT balance FROM points_balance WHERE customer_id = 'cust-bob'`)
          .get() as { balance: number };
        assert.equal(bob.balance, 350);
        const tickets = model.db.prepare(`SELECT count(*) AS n FROM ticket`).get() as {
          n: number;
        };
        assert.equal(tickets.n, 4, 'the sales stay');
      }
    } finally {
      rebuilt.close();
    }
  });

  it('erases the parts that name the customer and leaves a record that does not', async () => {
    assert.ok(erased.parts > 10, `${erased.parts} parts`);
    assert.equal(await built.net.balance('cust-bob'), 350);
    const store = new LedgerStore(file, { readonly: true });
    try {
      for (let seq = 0; ; seq++) {
        const row = store.transactionAt(seq);
        if (row === undefined) break;
        for (const bytes of [
          row.record,
          Buffer.from(row.args),
          row.result,
          row.eventPayload,
          row.opening,
        ]) {
          assert.ok(bytes === null || !bytes.includes(ANN), `transaction ${seq} names ${ANN}`);
        }
      }
      for (const entry of store.range('', '', 100_000)) {
        assert.ok(!entry.key.includes(ANN) && !entry.value.includes(ANN), entry.key);
      }
      assert.ok(store.tombstones('', 100_000).every((t) => !t.key.includes(ANN)));
    } finally {
      store.close();
    }
  });

  it('refuses to erase a customer named in an earlier erasure record (not built yet)', async () => {
    await assert.rejects(
      built.ledger.eraseCustomer(ids.operator, 'cust-bob', { erasureId: 'er-2', reason: 'test' }),
      (error: unknown) =>
        error instanceof ErasureError &&
        error.code === 'unredactable' &&
        error.seqs.includes(maxSeq(built.ledger.store)),
    );
  });

  it('keeps other readers proofs checking, the erased parts withheld', async () => {
    const proofs = new LedgerProofs(built.ledger.store);
    const bundle = proofs.inclusion(lastTxOf(built.ledger.store, 'TransferPoints'));
    assert.equal(bundle.format, 'eter-inclusion-proof/v2');
    checkInclusionProof(bundle, publicKey);
    const disclosed = 'disclosed' in bundle ? bundle.disclosed : undefined;
    assert.ok(!JSON.stringify(disclosed).includes(ANN));
    assert.equal(disclosed?.args, undefined);
    checkInclusionProof(proofs.inclusion(lastTxOf(built.ledger.store, 'RecordTicket')), publicKey);
  });

  it('verifies, and fails on every tampering with an erased part or the record', async () => {
    await built.ledger.close();
    assert.deepEqual(verify(file, publicKey).failure, undefined);
    assert.ok(!readFileSync(file).includes(ANN), 'the database file still holds the id');

    const tampered = (edit: (db: Database.Database) => void): VerifyFailureCode | undefined => {
      const copy = join(built.dir.path, 'tampered.db');
      copyFileSync(file, copy);
      const db = new Database(copy);
      edit(db);
      db.close();
      return verify(copy, publicKey).failure?.code;
    };
    const erasureSeq = (db: Database.Database) =>
      (db.prepare(`SELECT max(seq) AS s FROM tx`).get() as { s: number }).s;
    // A part erased (its salt zeroed) that no erasure record lists.
    assert.equal(
      tampered((db) => {
        const row = db
          .prepare(`SELECT seq, opening FROM tx WHERE opening IS NOT NULL AND seq = 0`)
          .get() as { seq: number; opening: Buffer };
        row.opening.fill(0, 0, 16);
        db.prepare(`UPDATE tx SET opening = ? WHERE seq = ?`).run(row.opening, row.seq);
      }),
      'erasure',
    );
    // An erased part's replacement changed.
    assert.equal(
      tampered((db) => {
        const record = db.prepare(`SELECT args FROM tx WHERE seq = ?`).get(erasureSeq(db)) as {
          args: string;
        };
        const request = JSON.parse((JSON.parse(record.args) as string[])[0]!) as {
          parts: Array<{ seq: number; part: string }>;
        };
        const seq = request.parts.find((p) => p.part === 'args')!.seq;
        const args = (db.prepare(`SELECT args FROM tx WHERE seq = ?`).get(seq) as { args: string })
          .args;
        db.prepare(`UPDATE tx SET args = ? WHERE seq = ?`).run(`${args} `, seq);
      }),
      'erasure',
    );
    // The erasure record's arguments changed: its commitment no longer opens.
    assert.equal(
      tampered((db) => {
        const seq = erasureSeq(db);
        const args = (db.prepare(`SELECT args FROM tx WHERE seq = ?`).get(seq) as { args: string })
          .args;
        db.prepare(`UPDATE tx SET args = ? WHERE seq = ?`).run(
          args.replace('case 42', 'case 43'),
          seq,
        );
      }),
      'tx-payload',
    );
  });
});

describe('erasure on a ledger of version 1 records', () => {
  it('is refused, naming the transactions', async () => {
    const { dir, ledger } = await erasedLedger(1);
    try {
      await assert.rejects(
        ledger.eraseCustomer(ids.operator, ANN, { erasureId: 'er-1', reason: 'gdpr-art17' }),
        (error: unknown) =>
          error instanceof ErasureError && error.code === 'v1-record' && error.seqs.length > 0,
      );
    } finally {
      await ledger.close();
      dir.cleanup();
    }
  });
});

describe('an erasure record made by hand', () => {
  it('is refused by the log writer unless it erases one customer exactly, and the node recovers', async () => {
    const { dir, ledger } = await erasedLedger();
    try {
      const txId = lastTxOf(ledger.store, 'RecordTicket');
      const row = ledger.store.transaction(txId)!;
      const record = decodeLeafRecord(row.record);
      assert.equal(record.v, 3);
      const forged = (parts: object[]) =>
        ledger.submit(ids.operator, {
          contract: 'participants',
          fn: 'EraseCustomer',
          args: [JSON.stringify({ erasureId: 'er-x', reason: 'test', parts })],
        });
      const args = {
        seq: row.seq,
        part: 'args',
        commitment: 'args' in record ? record.args : '',
        replacement: { text: '["forged"]' },
      };
      await assert.rejects(forged([args]), /withhold a customer's keys/);
      const write0 = {
        seq: row.seq,
        part: 'writes/0',
        commitment: 'argsHash' in record ? '' : record.writes[0],
      };
      await assert.rejects(forged([write0, args]), /not erased for the same customer/);
      const erased = await ledger.eraseCustomer(ids.operator, 'cust-bob', {
        erasureId: 'er-2',
        reason: 'gdpr-art17',
      });
      assert.ok(erased.parts > 0);
      const publicKey = ledger.key.publicKey;
      await ledger.close();
      assert.equal(verify(join(dir.path, LEDGER_FILE), publicKey).failure, undefined);
    } finally {
      await ledger.close();
      dir.cleanup();
    }
  });
});
