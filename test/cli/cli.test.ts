/**
 * The eter command line, run as a user runs it: a real process on a real
 * data folder, asserting exit codes and output.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { tempDir } from '../support/engines';

const ETER = join(__dirname, '..', '..', '..', 'bin', 'eter.js');

function eter(...args: string[]) {
  const run = spawnSync(process.execPath, [ETER, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe('eter CLI', () => {
  const dir = tempDir('eter-cli-');
  const data = join(dir.path, 'data');
  let txId = '';
  before(() => {
    const demo = eter('seed', '--data', data, '--tickets', '300');
    assert.equal(demo.code, 0, demo.err);
    assert.match(demo.out, /recorded 300 tickets/);
    assert.match(demo.out, /eter verify: sound/);
    txId = /--tx ([0-9a-f]{64})/.exec(demo.out)?.[1] ?? '';
    assert.ok(txId, demo.out);
  });
  after(() => dir.cleanup());

  it('init on an existing ledger says so and changes nothing', () => {
    const run = eter('init', '--data', data);
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /already initialised/);
  });

  it('verify exits 0 on a sound ledger, with --json too', () => {
    const run = eter('verify', '--data', data, '--json');
    assert.equal(run.code, 0, run.err);
    const report = JSON.parse(run.out) as { ok: boolean; transactions: number };
    assert.equal(report.ok, true);
    assert.ok(report.transactions > 300);
    const threaded = eter('verify', '--data', data, '--json', '--threads', '2');
    assert.equal(threaded.code, 0, threaded.err);
    assert.equal(
      (JSON.parse(threaded.out) as { transactions: number }).transactions,
      report.transactions,
    );
  });

  it('prints a proof that check-proof accepts, and rejects it once tampered', () => {
    const proof = eter('proof', '--data', data, '--tx', txId);
    assert.equal(proof.code, 0, proof.err);
    const pubkey = eter('pubkey', '--data', data);
    assert.match(pubkey.out, /BEGIN PUBLIC KEY/);
    const proofFile = join(dir.path, 'proof.json');
    const keyFile = join(dir.path, 'node.pem');
    writeFileSync(proofFile, proof.out);
    writeFileSync(keyFile, pubkey.out);
    const ok = eter('check-proof', proofFile, '--pubkey', keyFile);
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /included: transaction [0-9a-f]{64} \(tickets:RecordTicket, VALID\)/);

    const bundle = JSON.parse(readFileSync(proofFile, 'utf8')) as {
      disclosed: { args: { value: string } };
    };
    const args = bundle.disclosed.args;
    args.value = args.value.replace(/"total\\":\\"(\d)/, '"total\\":\\"9$1');
    writeFileSync(proofFile, JSON.stringify(bundle));
    const bad = eter('check-proof', proofFile, '--pubkey', keyFile);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /proof does not hold: payload-mismatch/);
  });

  it('prints a consistency proof between two heads that check-proof accepts', () => {
    const proof = eter('proof', '--data', data, '--from-block', '1');
    assert.equal(proof.code, 0, proof.err);
    const file = join(dir.path, 'consistency.json');
    writeFileSync(file, proof.out);
    writeFileSync(join(dir.path, 'k.pem'), eter('pubkey', '--data', data).out);
    const run = eter('check-proof', file, '--pubkey', join(dir.path, 'k.pem'));
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /consistent: block \d+ .* extends block 1/);
  });

  it('refuses bad usage with exit 2 and a clear message', () => {
    const noLedger = eter('verify', '--data', join(dir.path, 'nothing-here'));
    assert.equal(noLedger.code, 2);
    assert.match(noLedger.err, /no ledger in .*nothing-here/);
    const threads = eter('verify', '--data', data, '--threads', 'many');
    assert.equal(threads.code, 2);
    assert.match(threads.err, /--threads takes 0 to 64/);
    const both = eter('proof', '--data', data);
    assert.equal(both.code, 2);
    assert.match(both.err, /give either --tx TXID or --from-block N/);
    const unknownTx = eter('proof', '--data', data, '--tx', 'f'.repeat(64));
    assert.equal(unknownTx.code, 1);
    assert.match(unknownTx.err, /not on the ledger/);
  });

  it('verify exits 1 naming the block when a stored block is tampered with', () => {
    const db = new Database(join(data, 'ledger.db'));
    const row = db.prepare('SELECT header FROM block WHERE number = 2').get() as { header: Buffer };
    const header = Buffer.from(row.header);
    header[20]! ^= 1;
    db.prepare('UPDATE block SET header = ? WHERE number = 2').run(header);
    db.close();
    const run = eter('verify', '--data', data);
    assert.equal(run.code, 1);
    assert.match(run.out, /LEDGER IS NOT SOUND: block-hash: .*\(block 2\)/);
  });
});
