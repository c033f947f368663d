/**
 * `eter serve` as an operator runs it: participants and keys from the CLI,
 * the server as a real process on 127.0.0.1, stopped by its pid.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildTicket, gtin13 } from '../../src/sim/ticket-factory';
import { tempDir } from '../support/engines';

const ETER = join(__dirname, '..', '..', '..', 'bin', 'eter.js');
const eter = (...args: string[]) => {
  const run = spawnSync(process.execPath, [ETER, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, out: run.stdout, err: run.stderr };
};

/** Starts `eter serve` on a free port and resolves its URL from its log. */
function startServer(data: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [ETER, 'serve', '--data', data, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]! });
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${log}`)));
  });
}

describe('eter serve', () => {
  const dir = tempDir('eter-serve-');
  const data = join(dir.path, 'data');
  let server: { child: ChildProcess; url: string };
  let apiKey = '';

  before(async () => {
    assert.equal(
      eter('participants', 'add-store', '--id', 'store-001', '--name', 'Main', '--data', data).code,
      0,
    );
    const key = eter(
      'keys',
      'create',
      '--store',
      'store-001',
      '--terminal',
      'pos-01',
      '--data',
      data,
    );
    assert.equal(key.code, 0, key.err);
    apiKey = key.out.trim().split('\n').pop()!;
    assert.match(apiKey, /^eter_[0-9a-f]{16}_/);
    server = await startServer(data);
  });
  after(() => {
    if (server?.child.exitCode === null) server.child.kill('SIGKILL');
    dir.cleanup();
  });

  it('records a ticket posted by a terminal', async () => {
    const ticket = buildTicket({
      ticketId: 'SERVE-1',
      storeId: 'store-001',
      lines: [{ gtin: gtin13('400638', 1), quantity: '1', unitPrice: '2.50' }],
    });
    const response = await fetch(`${server.url}/v1/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify(ticket),
    });
    assert.equal(response.status, 201, await response.clone().text());
  });

  it('keeps a second process off the ledger while it runs', () => {
    const run = eter('participants', 'add-customer', '--id', 'cust-1', '--data', data);
    assert.notEqual(run.code, 0);
    assert.match(run.err, /in use by process \d+/);
  });

  it('stops on SIGTERM, leaving a sound ledger', async () => {
    const exited = new Promise<number | null>((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    assert.equal(await exited, 0);
    const verify = eter('verify', '--data', data);
    assert.equal(verify.code, 0, verify.out);
    assert.match(verify.out, /ledger is sound: \d+ blocks, 3 transactions/);
  });
});
