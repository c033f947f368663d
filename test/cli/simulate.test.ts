/**
 * The POS simulator against a real `eter serve` process on 127.0.0.1, over
 * HTTP as tills would talk to it, then the ledger read back: every ticket
 * the simulator counted as accepted is on it, and nothing else. Counts, not
 * timings: nothing here depends on the machine's speed.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TerminalKeyStore } from '../../src/api/terminal-keys';
import { ContractClient } from '../../src/client/contract-client';
import {
  bootstrapIfNew,
  LOCAL_RETAILER_MSP,
  localIdentities,
  openLocalLedger,
} from '../../src/node/local-node';
import { PosSimulator, type SimulatorStats } from '../../src/sim/pos-simulator';
import { provisionNetwork } from '../../src/sim/provision';
import { SyntheticWorkload } from '../../src/sim/workload';
import { tempDir } from '../support/engines';
import { eter, eterWith, startServer, type ServerProcess } from '../support/eter-process';
import { recordedTickets } from '../support/ledger-tickets';

const STORES = ['store-001', 'store-002', 'store-003'];

describe('eter simulate', () => {
  const dir = tempDir('eter-simulate-');
  const data = join(dir.path, 'data');
  let server: ServerProcess;
  /** Tickets each run counted as accepted (201), by the run id in their ticket ids. */
  const acceptedByRun = new Map<string, number>();

  before(async () => {
    const ledger = openLocalLedger(data);
    const client = new ContractClient(ledger);
    await bootstrapIfNew(client);
    await provisionNetwork(
      client,
      new SyntheticWorkload({ stores: 3, customers: 50 }),
      localIdentities,
      LOCAL_RETAILER_MSP,
    );
    await ledger.close();
    server = await startServer(data);
  });
  after(async () => {
    await server?.stop();
    dir.cleanup();
  });

  it('plays a fixed number of tickets with returns, and reports the refused ones', async () => {
    const keys = new TerminalKeyStore(join(data, 'access.db'));
    const storeKeys = new Map<string, string>();
    try {
      for (const storeId of STORES) storeKeys.set(storeId, keys.create(storeId, 'pos-01').apiKey);
      // store-003's terminal lost its key: every ticket of it must come back as refused (401).
      keys.revoke(keys.list().find((k) => k.storeId === 'store-003')!.keyId);
    } finally {
      keys.close();
    }
    const progress: SimulatorStats[] = [];
    const simulator = new PosSimulator({
      url: server.url,
      keys: storeKeys,
      workload: new SyntheticWorkload({ stores: 3, customers: 50, seed: 9, runId: 'unit' }),
      rate: 2000,
      tickets: 300,
      // Few in flight: most tickets go out only once an earlier one is
      // answered, so acknowledged sales to return exist however slow the machine.
      maxInFlight: 8,
      returnShare: 0.1,
      seed: 4,
      onProgress: (s) => progress.push(s),
      progressIntervalMs: 50,
    });
    const stats = await simulator.run();

    assert.equal(stats.done, true);
    assert.equal(stats.sent, 300);
    assert.equal(stats.due, 300);
    assert.equal(stats.inFlight, 0);
    assert.equal(stats.backlog, 0);
    assert.equal(stats.networkErrors, 0);
    assert.equal(stats.replayed, 0);
    const refused401 = stats.refused['401'] ?? 0;
    assert.ok(refused401 > 0, 'the tickets of store-003 were refused');
    assert.deepEqual(Object.keys(stats.refused), ['401'], JSON.stringify(stats.firstErrors));
    assert.equal(stats.accepted + refused401, 300);
    assert.match(stats.firstErrors['401'] ?? '', /A valid terminal API key is required/);
    assert.ok(stats.returnsSent > 0, 'returns were sent');
    assert.ok(stats.returnsAccepted > 0, 'returns were accepted');
    assert.ok(stats.latencyMs.p50 > 0 && stats.latencyMs.p50 <= stats.latencyMs.p99);
    assert.ok(stats.latencyMs.p99 <= stats.latencyMs.max);
    assert.equal(progress.at(-1)?.done, true, 'the last progress report is the final one');
    acceptedByRun.set('unit', stats.accepted);
  });

  it('eter simulate --data mints a key per store, sends, summarises, and revokes the keys', () => {
    const run = eter(
      'simulate',
      '--url',
      server.url,
      '--data',
      data,
      '--stores',
      '3',
      '--customers',
      '50',
      '--tickets',
      '150',
      '--rate',
      '500',
      '--returns',
      '0.1',
      '--seed',
      '3',
    );
    assert.equal(run.code, 0, run.err + run.out);
    assert.match(run.out, /sent\s+150 \(\d+ returns\)/);
    assert.match(run.out, /accepted\s+150 \(201\)/);
    assert.match(run.out, /refused\s+0\n/);
    assert.match(run.out, /latency\s+p50 [\d.]+ m?s\s+p95 [\d.]+ m?s\s+p99 [\d.]+ m?s/);
    assert.match(run.err, /revoked the 3 keys of terminal sim-01/);
    const keys = new TerminalKeyStore(join(data, 'access.db'));
    try {
      const simKeys = keys.list().filter((k) => k.terminalId === 'sim-01');
      assert.equal(simKeys.length, 3);
      assert.ok(simKeys.every((k) => k.revokedAt !== null));
    } finally {
      keys.close();
    }
    acceptedByRun.set('cli', 150);
  });

  it('exits 1 naming the status and first error when nothing is accepted', () => {
    const run = eter(
      'simulate',
      '--url',
      server.url,
      '--stores',
      '1',
      '--key',
      `store-001=eter_0000000000000000_${'x'.repeat(43)}`,
      '--tickets',
      '20',
      '--rate',
      '500',
    );
    assert.equal(run.code, 1, run.err + run.out);
    assert.match(run.out, /refused\s+20 \(401 ×20\)/);
    assert.match(run.out, /first 401: .*A valid terminal API key is required/);
    assert.match(run.err, /no ticket was accepted/);
  });

  it('refuses bad usage with exit 2', () => {
    const missing = eter('simulate', '--url', server.url, '--stores', '2', '--key', 'store-001=k');
    assert.equal(missing.code, 2);
    assert.match(missing.err, /no --key for store-002/);
    const badDuration = eter('simulate', '--duration', 'soon', '--data', data);
    assert.equal(badDuration.code, 2);
    assert.match(badDuration.err, /--duration takes a duration/);
  });

  it('takes the keys from ETER_TERMINAL_KEYS or standard input, off the command line', () => {
    const minted = eterWith(
      {},
      ...['keys', 'create', '--store', 'store-001', '--terminal', 'pos-env', '--data', data],
    );
    assert.equal(minted.code, 0, minted.err);
    const pair = `store-001=${minted.out.trim().split('\n').pop()!}`;
    const common = ['simulate', '--url', server.url, '--stores', '1', '--rate', '500'];
    // Run in an empty folder: keys minted there instead (./data) would be unknown to the server.
    const elsewhere = join(dir.path, 'elsewhere');
    mkdirSync(elsewhere);
    const fromEnv = eterWith(
      { env: { ETER_TERMINAL_KEYS: pair }, cwd: elsewhere },
      ...common,
      ...['--tickets', '10', '--seed', '11'],
    );
    assert.equal(fromEnv.code, 0, fromEnv.err + fromEnv.out);
    assert.match(fromEnv.out, /accepted\s+10 \(201\)/);
    const fromStdin = eterWith(
      { input: `${pair}\n`, cwd: elsewhere },
      ...common,
      ...['--tickets', '10', '--seed', '12', '--key', '-'],
    );
    assert.equal(fromStdin.code, 0, fromStdin.err + fromStdin.out);
    assert.match(fromStdin.out, /accepted\s+10 \(201\)/);
    acceptedByRun.set('cli', acceptedByRun.get('cli')! + 20);
    assert.match(eter('simulate', '--help').out, /ETER_TERMINAL_KEYS/);
  });

  it('leaves on the ledger exactly the tickets counted as accepted, returns included', async () => {
    assert.equal(await server.stop(), 0);
    const records = await recordedTickets(data, STORES);
    const unit = records.filter((r) => r.ticket.ticketId.includes('-unit-'));
    assert.equal(unit.length, acceptedByRun.get('unit'));
    assert.ok(
      unit.every((r) => r.ticket.storeId !== 'store-003'),
      'nothing with a revoked key',
    );
    const returns = unit.filter((r) => r.ticket.type === 'return');
    assert.ok(returns.length > 0);
    const ids = new Set(unit.map((r) => `${r.ticket.storeId}/${r.ticket.ticketId}`));
    for (const r of returns) {
      const original = `${r.ticket.originalStoreId ?? r.ticket.storeId}/${r.ticket.originalTicketId}`;
      assert.ok(ids.has(original), `${r.ticket.ticketId} returns a recorded sale`);
    }
    const cli = records.filter((r) => !r.ticket.ticketId.includes('-unit-'));
    assert.equal(cli.length, acceptedByRun.get('cli'));
    const verify = eter('verify', '--data', data);
    assert.equal(verify.code, 0, verify.out);
  });
});
