import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { after, before, describe, it } from 'node:test';
import { LEDGER_FILE } from './embedded-ledger';
import { LedgerStore } from './store';
import { openKvLedger } from './testing/kv-contract';
import { verifyLedger, type VerifyFailureCode } from './verifier';

/** A closed ledger with a few blocks, valid and invalid transactions, and deletions. */
async function buildLedger(recordVersion: 1 | 2 = 2) {
  const kv = openKvLedger({ maxTransactions: 4, timeoutMs: 1 }, undefined, 0, { recordVersion });
  for (let round = 0; round < 5; round++) {
    await Promise.allSettled([
      ...Array.from({ length: 6 }, (_, i) => kv.call('Put', `k${round}-${i}`, `v${round}-${i}`)),
      kv.call('PutIfAbsent', 'contended', `r${round}a`),
      kv.call('PutIfAbsent', 'contended', `r${round}b`),
    ]);
  }
  await kv.call('Delete', 'k0-0');
  const publicKey = kv.ledger.key.publicKey;
  await kv.ledger.close();
  return { ...kv, publicKey, file: join(kv.dir, LEDGER_FILE) };
}

/** A closed ledger of 9,000 puts in blocks of 150. */
async function buildBigLedger() {
  const kv = openKvLedger({ maxTransactions: 150, timeoutMs: 20, queueLimit: 10_000 });
  await Promise.all(
    Array.from({ length: 9_000 }, (_, i) => kv.call('Put', `big-${i}`, `value ${i}`)),
  );
  const blocks = await kv.ledger.height();
  const publicKey = kv.ledger.key.publicKey;
  await kv.ledger.close();
  return { ...kv, blocks, publicKey, file: join(kv.dir, LEDGER_FILE) };
}

/** A copy of a closed ledger's database file in a folder of its own. */
function copyLedger(file: string) {
  const dir = mkdtempSync(join(tmpdir(), 'eter-verify-'));
  const copy = join(dir, LEDGER_FILE);
  copyFileSync(file, copy);
  return { file: copy, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Verifies on this thread, then with 1 to 3 checking threads, and checks all give the same report. */
function verify(file: string, publicKey: Parameters<typeof verifyLedger>[1]) {
  const store = new LedgerStore(file, { readonly: true });
  try {
    const inline = verifyLedger(store, publicKey);
    for (const threads of [1, 2, 3]) {
      assert.deepEqual(
        verifyLedger(store, publicKey, undefined, { threads }),
        inline,
        `${threads} thread(s)`,
      );
    }
    return inline;
  } finally {
    store.close();
  }
}

/** Flips one byte of a BLOB column in one row, through a separate connection. */
function flipByte(file: string, table: string, column: string, where: string, offset = 10) {
  const db = new Database(file);
  const row = db.prepare(`SELECT ${column} AS v FROM ${table} WHERE ${where}`).get() as {
    v: Buffer;
  };
  const bytes = Buffer.from(row.v);
  // A negative offset counts back from the end.
  bytes[offset < 0 ? bytes.length + offset : offset % bytes.length]! ^= 0x01;
  db.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${where}`).run(bytes);
  db.close();
}

/** Rewrites one BLOB through `edit`, through a separate connection. */
function editBlob(
  file: string,
  table: string,
  column: string,
  where: string,
  edit: (bytes: Buffer) => Buffer,
) {
  const db = new Database(file);
  const row = db.prepare(`SELECT ${column} AS v FROM ${table} WHERE ${where}`).get() as {
    v: Buffer;
  };
  const before = Buffer.from(row.v);
  const after = edit(Buffer.from(before));
  assert.ok(!after.equals(before), `tampering changed nothing in ${table}.${column}`);
  db.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${where}`).run(after);
  db.close();
}

/** The same bytes with `from` replaced by `to` (same length) at its first occurrence. */
function replaceBytes(from: string, to: string) {
  return (bytes: Buffer) => {
    const at = bytes.indexOf(from);
    assert.ok(at >= 0, `no ${from} to replace`);
    bytes.write(to, at);
    return bytes;
  };
}

/** The row of the first transaction whose stored opening holds `text`. */
function openingHolding(text: string) {
  return `seq = (SELECT min(seq) FROM tx WHERE instr(opening, CAST('${text}' AS BLOB)) > 0)`;
}

describe('verifyLedger', () => {
  for (const recordVersion of [1, 2] as const) {
    it(`passes a sound ledger of version ${recordVersion} records and counts what it checked`, async () => {
      const l = await buildLedger(recordVersion);
      try {
        const report = verify(l.file, l.publicKey);
        assert.equal(report.ok, true, JSON.stringify(report.failure));
        assert.ok(report.blocks >= 10);
        assert.equal(report.transactions, 41);
        assert.equal(report.stateKeys, 30);
      } finally {
        l.dispose();
      }
    });
  }

  type Tampering = [string, (file: string) => void, VerifyFailureCode];
  /** Ways to tamper with a ledger of version 1 records only. */
  const tamperingV1: Tampering[] = [
    [
      'a value in a transaction record',
      (f) =>
        rewrite(
          f,
          `UPDATE tx SET record = CAST(replace(CAST(record AS TEXT), '"v2-3"', '"v2-9"') AS BLOB) WHERE CAST(record AS TEXT) LIKE '%v2-3%'`,
        ),
      'tx-root',
    ],
    [
      'an opening stored beside a version 1 record',
      (f) => rewrite(f, `UPDATE tx SET opening = X'00' WHERE seq = 3`),
      'tx-payload',
    ],
  ];
  /** Ways to tamper with a ledger of version 2 records only: what they commit to. */
  const tamperingV2: Tampering[] = [
    [
      'a written value in an opening',
      (f) => editBlob(f, 'tx', 'opening', openingHolding('v2-3'), replaceBytes('v2-3', 'v2-9')),
      'tx-payload',
    ],
    [
      'a written key in an opening',
      (f) => editBlob(f, 'tx', 'opening', openingHolding('k3-2'), replaceBytes('k3-2', 'k3-7')),
      'tx-payload',
    ],
    [
      'a read key in an opening',
      (f) =>
        editBlob(
          f,
          'tx',
          'opening',
          openingHolding('contended'),
          replaceBytes('contended', 'contendex'),
        ),
      'tx-payload',
    ],
    ['a salt', (f) => flipByte(f, 'tx', 'opening', 'seq = 9', 5), 'tx-payload'],
    [
      'the last byte of an opening',
      (f) => flipByte(f, 'tx', 'opening', 'seq = 9', -1),
      'tx-payload',
    ],
    [
      'a missing opening',
      (f) => rewrite(f, `UPDATE tx SET opening = NULL WHERE seq = 4`),
      'tx-payload',
    ],
    [
      'an opening moved to another transaction',
      (f) =>
        rewrite(f, `UPDATE tx SET opening = (SELECT opening FROM tx WHERE seq = 2) WHERE seq = 1`),
      'tx-payload',
    ],
    ['a commitment in a record', (f) => flipByte(f, 'tx', 'record', 'seq = 6', -40), 'tx-payload'],
  ];
  /** Ways to tamper with any ledger. */
  const tampering: Tampering[] = [
    [
      'a byte of a block header',
      (f) => flipByte(f, 'block', 'header', 'number = 3', 40),
      'block-hash',
    ],
    ['a block signature', (f) => flipByte(f, 'block', 'signature', 'number = 2'), 'signature'],
    [
      'a byte of a transaction record',
      (f) => flipByte(f, 'tx', 'record', 'seq = 7', 60),
      'tx-record',
    ],
    [
      'the arguments of a transaction',
      (f) =>
        rewrite(f, `UPDATE tx SET args = replace(args, 'v3-1', 'v3-7') WHERE args LIKE '%v3-1%'`),
      'tx-payload',
    ],
    ['a state value', (f) => flipByte(f, 'state', 'value', `key = 'k1-1'`, 1), 'state'],
    [
      'a state version',
      (f) => rewrite(f, `UPDATE state SET version = version + 1 WHERE key = 'k2-2'`),
      'state',
    ],
    [
      'a deleted key brought back',
      (f) => rewrite(f, `INSERT INTO state (key, value, version) VALUES ('k0-0', X'7630', 1)`),
      'state',
    ],
    [
      'a stored merkle node',
      (f) => flipByte(f, 'merkle_node', 'hash', 'level = 1 AND idx = 2'),
      'merkle-node',
    ],
    [
      'a key-history link',
      (f) =>
        rewrite(
          f,
          `UPDATE tx SET prev = replace(prev, 'null', '0') WHERE seq = (SELECT max(seq) FROM tx WHERE prev LIKE '%null%')`,
        ),
      'history',
    ],
    [
      'history links on an invalid transaction',
      (f) =>
        rewrite(
          f,
          `UPDATE tx SET prev = '[null]' WHERE seq = (SELECT min(seq) FROM tx WHERE valid = 0)`,
        ),
      'history',
    ],
    [
      'a removed tombstone',
      (f) => rewrite(f, `DELETE FROM tombstone WHERE key = 'k0-0'`),
      'history',
    ],
    [
      'a tombstone version',
      (f) => rewrite(f, `UPDATE tombstone SET version = version - 1 WHERE key = 'k0-0'`),
      'history',
    ],
    ['a removed block', (f) => rewrite(f, `DELETE FROM block WHERE number = 4`), 'chain'],
    [
      'a validation verdict',
      (f) => rewrite(f, `UPDATE tx SET valid = 1 - valid WHERE seq = 5`),
      'tx-record',
    ],
    ['a result', (f) => flipByte(f, 'tx', 'result', 'seq = 8', 0), 'tx-payload'],
  ];
  const cases: Array<[1 | 2, Tampering]> = [
    ...tampering.map((t): [1 | 2, Tampering] => [2, t]),
    ...tamperingV2.map((t): [1 | 2, Tampering] => [2, t]),
    ...[...tampering, ...tamperingV1].map((t): [1 | 2, Tampering] => [1, t]),
  ];
  for (const [recordVersion, [what, tamper, code]] of cases) {
    it(`catches ${what} (version ${recordVersion} records)`, async () => {
      const l = await buildLedger(recordVersion);
      try {
        tamper(l.file);
        const report = verify(l.file, l.publicKey);
        assert.equal(report.ok, false);
        assert.equal(report.failure?.code, code, JSON.stringify(report.failure));
      } finally {
        l.dispose();
      }
    });
  }

  describe('a ledger of many pages, checked on several threads', () => {
    // 60 blocks (4 pages of 16) and 9,000 keys (3 chunks of state row ids):
    // every thread gets pages and chunks, and the verifier must take them in order.
    let big: Awaited<ReturnType<typeof buildBigLedger>>;
    before(async () => {
      big = await buildBigLedger();
    });
    after(() => big.dispose());

    it('is sound, with the same report on one thread and on several', () => {
      const report = verify(big.file, big.publicKey);
      assert.equal(report.ok, true, JSON.stringify(report.failure));
      assert.equal(report.blocks, big.blocks);
      assert.equal(report.transactions, 9_000);
      assert.equal(report.stateKeys, 9_000);
    });

    const lateTampering: Array<[string, (file: string) => void, VerifyFailureCode]> = [
      [
        'a record in the last page',
        (f) => flipByte(f, 'tx', 'record', 'seq = 8990', 30),
        'tx-record',
      ],
      [
        'a state value in the last chunk',
        (f) => flipByte(f, 'state', 'value', 'id = 8999', 3),
        'state',
      ],
      [
        'a leaf node in the third page',
        (f) => flipByte(f, 'merkle_node', 'hash', 'level = 0 AND idx = 6001'),
        'merkle-node',
      ],
      [
        'an inner node ending in the second page',
        (f) => flipByte(f, 'merkle_node', 'hash', 'level = 6 AND idx = 40'),
        'merkle-node',
      ],
      [
        'a node beyond the log',
        (f) =>
          rewrite(f, `INSERT INTO merkle_node (level, idx, hash) VALUES (13, 1, zeroblob(32))`),
        'merkle-node',
      ],
    ];
    for (const [what, tamper, code] of lateTampering) {
      it(`catches ${what}`, () => {
        const copy = copyLedger(big.file);
        try {
          tamper(copy.file);
          const report = verify(copy.file, big.publicKey);
          assert.equal(report.failure?.code, code, JSON.stringify(report.failure));
        } finally {
          copy.dispose();
        }
      });
    }
  });

  it('rejects a ledger checked with another node key', async () => {
    const l = await buildLedger();
    const other = openKvLedger();
    try {
      const report = verify(l.file, other.ledger.key.publicKey);
      assert.equal(report.failure?.code, 'signature');
      assert.equal(report.failure?.block, 0);
    } finally {
      l.dispose();
      await other.dispose();
    }
  });
});

function rewrite(file: string, sql: string): void {
  const db = new Database(file);
  const changes = db.prepare(sql).run().changes;
  db.close();
  assert.ok(changes > 0, `tampering changed nothing: ${sql}`);
}
