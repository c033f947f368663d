/**
 * `eter backup` taken while a real server records tickets: the copy is a
 * sound ledger as of one moment (verified with the node's key), holds the
 * logins and terminal keys, leaves the read model out, is private, and a
 * server started on it serves what it holds.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Ticket } from '../../src/format';
import { LEDGER_FILE, LedgerStore } from '../../src/ledger/embedded';
import { SyntheticWorkload } from '../../src/sim/workload';
import { tempDir } from '../support/engines';
import { ETER, eter, startServer } from '../support/eter-process';
import { postTicket, provisionPosNode } from '../support/pos-node';

const TICKETS = 1200;
const CONCURRENCY = 24;
const BACKUP_AFTER_ACKS = 300;

/** Runs `eter` without blocking this process (the server it loads must keep answering). */
function eterAsync(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [ETER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => resolve({ code, out, err }));
  });
}

function transactionCount(data: string): number {
  const store = new LedgerStore(join(data, LEDGER_FILE), { readonly: true });
  try {
    const last = store.lastBlock();
    return last === undefined ? 0 : last.firstSeq + last.txCount;
  } finally {
    store.close();
  }
}

describe('eter backup', () => {
  const dir = tempDir('eter-backup-');
  const data = join(dir.path, 'data');
  const copy = join(dir.path, 'copy');
  let keys: Map<string, string>;
  let tickets: Ticket[];

  before(async () => {
    const workload = new SyntheticWorkload({ seed: 11, stores: 4, customers: 50 });
    keys = await provisionPosNode(data, workload);
    tickets = Array.from({ length: TICKETS }, () => workload.nextTicket());
  });
  after(() => dir.cleanup());

  it('copies a running node as of one moment, and the copy verifies and serves', async () => {
    const server = await startServer(data, '--log-level', 'warn');
    let backup: Promise<{ code: number | null; out: string; err: string }> | undefined;
    let acknowledged = 0;
    let next = 0;
    try {
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < tickets.length) {
            const ticket = tickets[next++]!;
            const res = await postTicket(server.url, keys.get(ticket.storeId)!, ticket);
            assert.equal(res.status, 201, await res.text());
            if (++acknowledged === BACKUP_AFTER_ACKS) {
              backup = eterAsync('backup', '--data', data, '--to', copy, '--json');
            }
          }
        }),
      );
    } finally {
      assert.equal(await server.stop(), 0);
    }
    const run = await backup!;
    assert.equal(run.code, 0, run.err);
    const report = JSON.parse(run.out) as {
      blocks: number;
      files: Array<{ name: string }>;
      skipped: string[];
      verify: { report: { ok: boolean; transactions: number } };
    };

    // Sound, with the source's key, and as of a moment during the load.
    assert.equal(report.verify.report.ok, true);
    const copied = report.verify.report.transactions;
    assert.ok(copied >= BACKUP_AFTER_ACKS, `${copied} transactions copied`);
    assert.ok(copied < transactionCount(data), 'the load went on after the copy');
    assert.deepEqual(
      report.files.map((f) => f.name),
      ['ledger.db', 'access.db', 'node-key.pem', 'line-reference-key'],
    );
    assert.deepEqual(report.skipped, ['read.db']);
    assert.equal(existsSync(join(copy, 'read.db')), false);
    assert.equal(statSync(copy).mode & 0o777, 0o700);
    for (const name of ['ledger.db', 'access.db', 'node-key.pem', 'line-reference-key']) {
      assert.equal(statSync(join(copy, name)).mode & 0o777, 0o600, name);
    }

    // A node started on the backup serves it: the terminal keys work, the
    // height is the copy's, and its read model is projected again.
    const restored = await startServer(copy, '--log-level', 'warn');
    try {
      const ready = (await (await fetch(`${restored.url}/readyz`)).json()) as {
        ledgerHeight: number;
      };
      assert.equal(ready.ledgerHeight, report.blocks);
      const ticket = tickets[tickets.length - 1]!;
      const res = await postTicket(restored.url, keys.get(ticket.storeId)!, {
        ...ticket,
        ticketId: `${ticket.ticketId}-r`,
      });
      assert.equal(res.status, 201, await res.text());
    } finally {
      assert.equal(await restored.stop(), 0);
    }
    assert.equal(eter('verify', '--data', copy).code, 0);
  });

  it('refuses a destination that holds anything, and a folder without a ledger or a node key', () => {
    const used = join(dir.path, 'used');
    mkdirSync(used);
    writeFileSync(join(used, 'notes.txt'), 'keep me');
    const refused = eter('backup', '--data', data, '--to', used);
    assert.equal(refused.code, 2);
    assert.match(refused.err, /--to must name a new or empty folder/);
    assert.equal(existsSync(join(used, 'ledger.db')), false);

    const empty = join(dir.path, 'no-ledger');
    const none = eter('backup', '--data', empty, '--to', join(dir.path, 'unused'));
    assert.equal(none.code, 2);
    assert.match(none.err, /no ledger in/);
    assert.equal(existsSync(join(dir.path, 'unused')), false);

    const keyless = join(dir.path, 'keyless');
    mkdirSync(keyless);
    copyFileSync(join(data, 'ledger.db'), join(keyless, 'ledger.db'));
    const noKey = eter('backup', '--data', keyless, '--to', join(dir.path, 'unused'));
    assert.equal(noKey.code, 2);
    assert.match(noKey.err, /no node key in/);
    assert.equal(existsSync(join(dir.path, 'unused')), false);

    const missing = eter('backup', '--data', data);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /--to is required/);
  });
});
