/**
 * `eter participants erase-customer`, as an operator runs it on a local ledger: the customer's
 * parts are erased, the ledger still verifies, and neither the ledger file nor the read model
 * names the customer any more.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { tempDir } from '../support/engines';

const ETER = join(__dirname, '..', '..', '..', 'bin', 'eter.js');

function eter(...args: string[]) {
  const run = spawnSync(process.execPath, [ETER, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, ETER_PASSWORD: 'correct horse battery' },
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

/** Whether `bytes` hold `id` as a JSON string or a composite key attribute. */
function names(bytes: Buffer, id: string): boolean {
  return bytes.includes(`"${id}"`) || bytes.includes(`\u0000${id}\u0000`);
}

describe('eter participants erase-customer', () => {
  const dir = tempDir('eter-erase-cli-');
  const data = join(dir.path, 'data');
  let customerId = '';
  before(() => {
    const seed = eter('seed', '--data', data, '--tickets', '60');
    assert.equal(seed.code, 0, seed.err);
    const rebuild = eter('rebuild', '--data', data);
    assert.equal(rebuild.code, 0, rebuild.err);
    const db = new Database(join(data, 'read.db'), { readonly: true });
    const row = db
      .prepare(`SELECT customer_id AS id FROM ticket WHERE customer_id IS NOT NULL LIMIT 1`)
      .get() as { id: string } | undefined;
    db.close();
    assert.ok(row !== undefined, 'the seed has tickets with a loyalty id');
    customerId = row.id;
    // Their login, and another customer's and a store's, which stay.
    for (const [username, role, subject] of [
      ['erased-one', 'customer', customerId],
      ['kept-one', 'customer', 'cust-kept'],
      ['a-store', 'store', 'store-001'],
    ]) {
      const add = eter(
        'users',
        'add',
        '--username',
        username!,
        '--role',
        role!,
        '--subject',
        subject!,
        '--data',
        data,
      );
      assert.equal(add.code, 0, add.err);
    }
  });
  after(() => dir.cleanup());

  it('erases, verifies, and leaves no trace of the id in the ledger or the read model', () => {
    const run = eter(
      'participants',
      'erase-customer',
      customerId,
      '--reason',
      'gdpr-art17',
      '--reference',
      'case 7',
      '--data',
      data,
    );
    assert.equal(run.code, 0, run.err);
    const result = JSON.parse(run.out) as { parts: number; logins: number };
    assert.ok(result.parts > 0);
    assert.equal(result.logins, 1);
    const logins = eter('users', 'list', '--json', '--data', data);
    assert.equal(logins.code, 0, logins.err);
    assert.deepEqual(
      (JSON.parse(logins.out) as Array<{ username: string }>).map((l) => l.username),
      ['a-store', 'kept-one'],
    );
    assert.ok(!logins.out.includes(customerId));

    const verify = eter('verify', '--data', data);
    assert.equal(verify.code, 0, verify.out + verify.err);
    assert.ok(!names(readFileSync(join(data, 'ledger.db')), customerId));
    const db = new Database(join(data, 'read.db'), { readonly: true });
    try {
      for (const [table, column] of [
        ['ticket', 'customer_id'],
        ['points_movement', 'customer_id'],
        ['points_movement', 'counterparty_id'],
        ['points_balance', 'customer_id'],
        ['participant', 'id'],
      ] as const) {
        const n = db
          .prepare(`SELECT count(*) AS n FROM ${table} WHERE ${column} = ?`)
          .get(customerId) as { n: number };
        assert.equal(n.n, 0, `${table}.${column}`);
      }
    } finally {
      db.close();
    }

    const again = eter(
      'participants',
      'erase-customer',
      customerId,
      '--reason',
      'x',
      '--data',
      data,
    );
    assert.equal(again.code, 1);
    assert.match(again.err, /nothing-to-erase: no stored part names this customer/);
  });
});
