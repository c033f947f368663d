/**
 * `npm start`'s command as a newcomer runs it: servers up, demo
 * participants and logins, live traffic recorded, a sound ledger afterwards.
 */
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { tempDir } from '../support/engines';
import { eter } from '../support/eter-process';

describe('eter demo', () => {
  const dir = tempDir('eter-demo-');
  const data = join(dir.path, 'data');
  after(() => dir.cleanup());

  it('runs the API with live simulated traffic, then leaves a sound ledger', () => {
    const run = eter('demo', '--data', data, '--port', '0', '--for', '3s', '--rate', '30');
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /registered 12 stores, 8 manufacturers, 500 customers/);
    // The web app's URL first: where a newcomer goes.
    assert.match(
      run.out,
      /running on[^\n]*\n[^\n]*\n\n {2}web app {6}http:\/\/127\.0\.0\.1:\d+\/\n/,
    );
    assert.match(run.out, /API docs {5}http:\/\/127\.0\.0\.1:\d+\/docs/);
    for (const login of ['alice', 'store1', 'faber', 'auditor', 'operator']) {
      assert.match(run.out, new RegExp(`\\n {4}${login} `));
    }
    const accepted = Number(/accepted\s+(\d+)/.exec(run.out)?.[1]);
    assert.ok(accepted > 0, run.out);
    assert.match(run.out, /refused\s+0/);

    const verify = eter('verify', '--data', data);
    assert.equal(verify.code, 0, verify.out);
    const check = eter('rebuild', '--check', '--data', data);
    assert.equal(check.code, 0, check.out + check.err);
    const audit = eter('audit', 'points', '--data', data, '--json');
    assert.equal(audit.code, 0, audit.out + audit.err);
    const report = JSON.parse(audit.out) as { ok: boolean; figures: { issued: number } };
    assert.ok(report.ok && report.figures.issued > 0, audit.out);
  });

  it('has the points audit catch a balance changed behind the contract’s back', () => {
    const copy = join(dir.path, 'tampered');
    cpSync(data, copy, { recursive: true });
    const db = new Database(join(copy, 'ledger.db'));
    const lot = db
      .prepare(`SELECT key, value FROM state WHERE key >= ? AND key < ? LIMIT 1`)
      .get('\u0000lot\u0000', '\u0000lot\u0001') as { key: string; value: Buffer };
    const record = JSON.parse(lot.value.toString('utf8')) as { customerId: string; amount: number };
    db.prepare(`UPDATE state SET value = ? WHERE key = ?`).run(
      Buffer.from(JSON.stringify({ ...record, amount: record.amount + 1000 })),
      lot.key,
    );
    db.close();
    const audit = eter('audit', 'points', '--data', copy);
    assert.equal(audit.code, 1, audit.out + audit.err);
    assert.match(audit.out, /FAILS/);
    assert.match(audit.out, new RegExp(`${record.customerId}: world state holds \\d+ points`));
  });

  it('keeps an existing ledger and its logins on the next start', () => {
    const run = eter('demo', '--data', data, '--port', '0', '--for', '1s', '--rate', '10');
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /an existing ledger/);
  });

  it('refuses a bad rate, naming the flag', () => {
    const run = eter('demo', '--data', data, '--port', '0', '--rate', 'fast');
    assert.notEqual(run.code, 0);
    assert.match(run.err, /--rate takes a positive number/);
  });
});
