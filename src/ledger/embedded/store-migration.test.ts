import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LEDGER_FILE } from './embedded-ledger';
import { checkInclusionProof } from './proof-check';
import { LedgerProofs } from './proofs';
import { LedgerStore } from './store';
import { openKvLedger } from './testing/kv-contract';
import { verifyLedger } from './verifier';

const KEYS = ['a', 'b', 'gone', 'back'];

/** Each key's history (the seqs that wrote it, newest first) and the tombstones. */
function historyOf(file: string) {
  const store = new LedgerStore(file);
  try {
    return {
      seqs: Object.fromEntries(KEYS.map((k) => [k, store.history(k).map((row) => row.seq)])),
      tombstones: store.tombstones('', 100),
    };
  } finally {
    store.close();
  }
}

/**
 * Turns a ledger file back into the schema-1 layout: key history as a
 * `(key, seq)` table, no `prev` links, no tombstones.
 */
function downgradeToV1(file: string, seqs: Record<string, number[]>): void {
  const db = new Database(file);
  db.exec(
    `CREATE TABLE history (key TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (key, seq)) WITHOUT ROWID`,
  );
  const insert = db.prepare(`INSERT INTO history (key, seq) VALUES (?, ?)`);
  for (const [key, list] of Object.entries(seqs)) for (const seq of list) insert.run(key, seq);
  db.exec(
    `ALTER TABLE tx DROP COLUMN prev; DROP TABLE tombstone; ALTER TABLE tx DROP COLUMN opening; UPDATE meta SET value = '1' WHERE name = 'schema'`,
  );
  db.close();
}

/** Turns a ledger file of version 1 records back into the schema-2 layout: no `opening`. */
function downgradeToV2(file: string): void {
  const db = new Database(file);
  db.exec(`ALTER TABLE tx DROP COLUMN opening; UPDATE meta SET value = '2' WHERE name = 'schema'`);
  db.close();
}

describe('ledger schema 1 → 2 → 3', () => {
  it('rebuilds every key-history link and tombstone, and the ledger still verifies', async () => {
    // A schema-1 ledger holds version 1 records only.
    const kv = openKvLedger({ maxTransactions: 3, timeoutMs: 5 }, undefined, 0, {
      recordVersion: 1,
    });
    const file = join(kv.dir, LEDGER_FILE);
    try {
      await kv.call('Put', 'a', '1');
      await Promise.all([kv.call('Put', 'a', '2'), kv.call('Put', 'b', '1')]);
      await kv.call('Put', 'gone', '1');
      await kv.call('Delete', 'gone');
      await kv.call('Put', 'back', '1');
      await kv.call('Delete', 'back');
      await kv.call('Put', 'back', '2');
      const publicKey = kv.ledger.key.publicKey;
      await kv.ledger.close();
      const before = historyOf(file);
      assert.deepEqual(
        before.tombstones.map((t) => t.key),
        ['gone'],
      );

      downgradeToV1(file, before.seqs);
      assert.throws(
        () => new LedgerStore(file, { readonly: true }),
        /schema version 1.*upgrade it/,
      );
      assert.deepEqual(historyOf(file), before);

      const store = new LedgerStore(file, { readonly: true });
      const db = new Database(file, { readonly: true });
      try {
        assert.equal(verifyLedger(store, publicKey).ok, true);
        const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE name = 'history'`).all();
        assert.deepEqual(tables, []);
      } finally {
        db.close();
        store.close();
      }
    } finally {
      rmSync(kv.dir, { recursive: true, force: true });
    }
  });

  it('reads a schema-2 ledger as it is, then upgrades it and appends version 2 records to it', async () => {
    const kv = openKvLedger({ maxTransactions: 3, timeoutMs: 5 }, undefined, 0, {
      recordVersion: 1,
    });
    const file = join(kv.dir, LEDGER_FILE);
    try {
      await kv.call('Put', 'a', '1');
      await kv.call('Put', 'gone', '1');
      await kv.call('Delete', 'gone');
      const publicKey = kv.ledger.key.publicKey;
      await kv.ledger.close();
      downgradeToV2(file);
      const old = new LedgerStore(file, { readonly: true });
      try {
        assert.equal(verifyLedger(old, publicKey).ok, true);
        assert.deepEqual(
          old.history('a').map((row) => row.opening),
          [null],
        );
      } finally {
        old.close();
      }

      const reopened = openKvLedger({ maxTransactions: 3, timeoutMs: 5 }, kv.dir, 0, {
        recordVersion: 2,
      });
      await reopened.call('Put', 'a', '2');
      await reopened.call('Put', 'b', '1');
      assert.deepEqual(JSON.parse(await reopened.read('History', 'a')), [
        { value: '2', isDelete: false },
        { value: '1', isDelete: false },
      ]);
      await reopened.ledger.close();
      const store = new LedgerStore(file, { readonly: true });
      try {
        assert.equal(store.getMeta('schema'), '3');
        const versions = store.history('a').map((row) => JSON.parse(row.record.toString()).v);
        assert.deepEqual(versions, [2, 1]);
        const report = verifyLedger(store, publicKey);
        assert.equal(report.ok, true, JSON.stringify(report.failure));
        // Both versions are proven, each in its own document.
        const proofs = new LedgerProofs(store);
        const formats = store.history('a').map((row) => {
          const proof = proofs.inclusion(row.txId);
          assert.equal(checkInclusionProof(proof, publicKey).record.txId, row.txId);
          return proof.format;
        });
        assert.deepEqual(formats, ['eter-inclusion-proof/v2', 'eter-inclusion-proof/v1']);
      } finally {
        store.close();
      }
    } finally {
      rmSync(kv.dir, { recursive: true, force: true });
    }
  });

  it('refuses a database of a schema it does not know', async () => {
    const kv = openKvLedger();
    const file = join(kv.dir, LEDGER_FILE);
    try {
      await kv.ledger.close();
      const db = new Database(file);
      db.exec(`UPDATE meta SET value = '9' WHERE name = 'schema'`);
      db.close();
      assert.throws(() => new LedgerStore(file), /schema version 9, this build reads 3$/);
    } finally {
      rmSync(kv.dir, { recursive: true, force: true });
    }
  });
});
