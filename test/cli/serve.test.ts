/**
 * `eter serve` as an operator runs it: participants and keys from the CLI,
 * the server as a real process on 127.0.0.1, stopped by its pid.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildTicket, gtin13 } from '../../src/sim/ticket-factory';
import { tempDir } from '../support/engines';
import { eter, startServer, type ServerProcess } from '../support/eter-process';

describe('eter serve', () => {
  const dir = tempDir('eter-serve-');
  const data = join(dir.path, 'data');
  let server: ServerProcess;
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
    assert.equal(await server.stop('SIGTERM'), 0);
    const verify = eter('verify', '--data', data);
    assert.equal(verify.code, 0, verify.out);
    assert.match(verify.out, /ledger is sound: \d+ blocks, 3 transactions/);
  });
});
