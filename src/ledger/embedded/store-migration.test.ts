import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LEDGER_FILE } from './embedded-ledger';
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
    `ALTER TABLE tx DROP COLUMN prev; DROP TABLE tombstone; UPDATE meta SET value = '1' WHERE name = 'schema'`,
  );
  db.close();
}

describe('ledger schema 1 → 2', () => {
  it('rebuilds every key-history link and tombstone, and the ledger still verifies', async () => {
    const kv = openKvLedger({ maxTransactions: 3, timeoutMs: 5 });
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

  it('refuses a database of a schema it does not know', async () => {
    const kv = openKvLedger();
    const file = join(kv.dir, LEDGER_FILE);
    try {
      await kv.ledger.close();
      const db = new Database(file);
      db.exec(`UPDATE meta SET value = '9' WHERE name = 'schema'`);
      db.close();
      assert.throws(() => new LedgerStore(file), /schema version 9, this build reads 2$/);
    } finally {
      rmSync(kv.dir, { recursive: true, force: true });
    }
  });
});
