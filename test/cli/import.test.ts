/**
 * `eter simulate --out` writes a folder of synthetic tickets and `eter import`
 * replays it in batches to a real `eter serve` process: the valid tickets
 * are recorded, a broken one is reported with its file and position, and a
 * second import of the same folder only finds repeats.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TerminalKeyStore } from '../../src/api/terminal-keys';
import { ContractClient } from '../../src/client/contract-client';
import type { Ticket } from '../../src/format';
import {
  bootstrapIfNew,
  LOCAL_RETAILER_MSP,
  localIdentities,
  openLocalLedger,
} from '../../src/node/local-node';
import { provisionNetwork } from '../../src/sim/provision';
import { SyntheticWorkload } from '../../src/sim/workload';
import { tempDir } from '../support/engines';
import { eter, eterWith, startServer, type ServerProcess } from '../support/eter-process';
import { recordedTickets } from '../support/ledger-tickets';

const STORES = ['store-001', 'store-002', 'store-003'];
const TICKETS = 120;

describe('eter import', () => {
  const dir = tempDir('eter-import-');
  const data = join(dir.path, 'data');
  const files = join(dir.path, 'tickets');
  let server: ServerProcess;
  /** The ticket made invalid on purpose, and where it is. */
  let broken: { file: string; index: number; ticketId: string };

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
    server = await startServer(data, '--log-level', 'warn');
  });
  after(async () => {
    await server?.stop();
    dir.cleanup();
  });

  it('eter simulate --out writes synthetic tickets, returns included, in numbered files', () => {
    const run = eter(
      ...['simulate', '--out', files, '--tickets', String(TICKETS), '--per-file', '50'],
      ...['--stores', '3', '--customers', '50', '--returns', '0.1', '--seed', '5'],
    );
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, new RegExp(`wrote ${TICKETS} tickets \\(\\d+ returns\\) in 3 files`));
    const names = ['tickets-000001.json', 'tickets-000002.json', 'tickets-000003.json'];
    const tickets = names.flatMap((name) =>
      (JSON.parse(readFileSync(join(files, name), 'utf8')) as Ticket[]).map((t, index) => ({
        t,
        name,
        index,
      })),
    );
    assert.equal(tickets.length, TICKETS);
    assert.ok(tickets.some(({ t }) => t.type === 'return'));

    // Break one sale that no return refers to: its total no longer adds up.
    const returned = new Set(tickets.map(({ t }) => t.originalTicketId));
    const victim = tickets.find(
      ({ t, name }) => name === names[1] && t.type === 'sale' && !returned.has(t.ticketId),
    )!;
    const content = JSON.parse(readFileSync(join(files, victim.name), 'utf8')) as Ticket[];
    content[victim.index]!.total = '99999.99';
    writeFileSync(join(files, victim.name), JSON.stringify(content));
    broken = { file: victim.name, index: victim.index, ticketId: victim.t.ticketId };
  });

  it('records the valid tickets, reports the invalid one with its file and index, exits 1', () => {
    const run = eter('import', files, '--url', server.url, '--data', data, '--batch-size', '40');
    assert.equal(run.code, 1, run.err + run.out);
    assert.match(run.out, new RegExp(`imported ${TICKETS} tickets from 3 files`));
    assert.match(run.out, new RegExp(`recorded\\s+${TICKETS - 1} \\(201\\)`));
    assert.match(run.out, /refused\s+1 \(422 ×1\)/);
    assert.ok(
      run.out.includes(`${broken.file} [${broken.index}]: 422 The ticket is invalid`),
      run.out,
    );
    assert.match(run.out, /\/total .*\(total\)/);
    assert.match(run.err, /1 tickets refused/);
    // The keys minted for the stores met are revoked.
    const keys = new TerminalKeyStore(join(data, 'access.db'));
    try {
      const minted = keys.list().filter((k) => k.terminalId === 'import-01');
      assert.deepEqual(minted.map((k) => k.storeId).sort(), STORES);
      assert.ok(minted.every((k) => k.revokedAt !== null));
    } finally {
      keys.close();
    }
  });

  it('finds every ticket already recorded on a second import', () => {
    const run = eter('import', files, '--url', server.url, '--data', data, '--batch-size', '500');
    assert.equal(run.code, 1, run.err + run.out);
    assert.match(run.out, /recorded\s+0 \(201\)/);
    assert.match(run.out, new RegExp(`replayed\\s+${TICKETS - 1} \\(200`));
  });

  it('reports an unreadable file and another store under a single --key', () => {
    const key = eter(
      'keys',
      'create',
      '--store',
      'store-001',
      '--terminal',
      'pos-9',
      '--data',
      data,
    );
    const apiKey = key.out.trim().split('\n').pop()!;
    writeFileSync(join(files, 'zz-broken.json'), '{"ticketId": ');
    const run = eter('import', files, '--url', server.url, '--key', apiKey);
    assert.equal(run.code, 1, run.err + run.out);
    assert.match(run.out, /unreadable zz-broken\.json: /);
    assert.match(run.out, /refused\s+\d+ \(.*403 ×\d+/);
    assert.match(run.out, /Not this terminal's store/);
  });

  it('takes the key from ETER_TERMINAL_KEY or standard input, off the command line', () => {
    const minted = eter(
      ...['keys', 'create', '--store', 'store-002', '--terminal', 'pos-env', '--data', data],
    );
    assert.equal(minted.code, 0, minted.err);
    const apiKey = minted.out.trim().split('\n').pop()!;
    // Run in an empty folder: keys minted there instead (./data) would be unknown to the server.
    const elsewhere = join(dir.path, 'elsewhere');
    mkdirSync(elsewhere);
    for (const run of [
      eterWith(
        { env: { ETER_TERMINAL_KEY: apiKey }, cwd: elsewhere },
        'import',
        files,
        '--url',
        server.url,
      ),
      eterWith(
        { input: `${apiKey}\n`, cwd: elsewhere },
        'import',
        files,
        '--url',
        server.url,
        '--key',
        '-',
      ),
    ]) {
      assert.equal(run.code, 1, run.err + run.out);
      // store-002's tickets are found recorded; the others' are refused as another store's.
      assert.match(run.out, /replayed\s+[1-9]\d* \(200/);
      assert.match(run.out, /refused\s+\d+ \(403 ×\d+/);
    }
    assert.match(eter('import', '--help').out, /ETER_TERMINAL_KEY/);
  });

  it('leaves on the ledger every ticket but the broken one', async () => {
    assert.equal(await server.stop(), 0);
    const records = await recordedTickets(data, STORES);
    assert.equal(records.length, TICKETS - 1);
    assert.ok(!records.some((r) => r.ticket.ticketId === broken.ticketId));
    assert.ok(records.some((r) => r.ticket.type === 'return'));
  });
});
