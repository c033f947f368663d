/**
 * Acknowledge only what is durable, proven the hard way: `eter serve` is
 * killed with SIGKILL in the middle of a load of a few thousand tickets,
 * restarted on the same files, and then every acknowledged ticket is on the
 * ledger exactly once, `eter verify` passes, and the read model the server
 * kept matches a rebuild from the ledger.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Ticket } from '../../src/format';
import type { TicketRecordedEvent } from '../../src/contract';
import { openLocalLedger } from '../../src/node/local-node';
import { SyntheticWorkload } from '../../src/sim/workload';
import { tempDir } from '../support/engines';
import { eter, startServer } from '../support/eter-process';
import { postTicket, provisionPosNode } from '../support/pos-node';

const TICKETS = 3000;
const CONCURRENCY = 48;
const KILL_AFTER_ACKS = 1000;

describe('SIGKILL during a load', () => {
  const dir = tempDir('eter-crash-');
  const data = join(dir.path, 'data');
  after(() => dir.cleanup());

  it('loses nothing acknowledged and records nothing twice', async () => {
    const workload = new SyntheticWorkload({ seed: 7, stores: 4, customers: 50 });
    const keys = await provisionPosNode(data, workload);
    const tickets: Ticket[] = Array.from({ length: TICKETS }, () => workload.nextTicket());

    // Load, and kill the server once enough tickets are acknowledged.
    const first = await startServer(data);
    const acknowledged = new Set<string>();
    let killed = false;
    let next = 0;
    const post = (url: string, ticket: Ticket) =>
      postTicket(url, keys.get(ticket.storeId)!, ticket);
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < tickets.length && !killed) {
          const ticket = tickets[next++]!;
          try {
            const res = await post(first.url, ticket);
            if (res.status === 201 || res.status === 200) acknowledged.add(ticket.ticketId);
            if (acknowledged.size >= KILL_AFTER_ACKS && !killed) {
              killed = true;
              first.child.kill('SIGKILL');
            }
          } catch {
            // Connection reset by the kill: not acknowledged.
          }
        }
      }),
    );
    assert.equal(await first.stop(), null, 'the server died by SIGKILL');
    assert.ok(acknowledged.size >= KILL_AFTER_ACKS);

    // Restart on the same files and send everything again, as POS terminals
    // retrying would: each ticket is answered once recorded, new or not.
    const second = await startServer(data);
    let replayed = 0;
    next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < tickets.length) {
          const ticket = tickets[next++]!;
          const res = await post(second.url, ticket);
          assert.ok(res.status === 201 || res.status === 200, `${ticket.ticketId}: ${res.status}`);
          if (res.status === 200) replayed++;
        }
      }),
    );
    assert.ok(replayed >= acknowledged.size, 'every acknowledged ticket is found as recorded');
    // Let the projector catch up, then stop cleanly.
    for (;;) {
      const metrics = await (await fetch(`${second.url}/metrics`)).text();
      if (/eter_projector_lag_blocks 0\b/.test(metrics)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(await second.stop('SIGTERM'), 0);

    // Exactly once: one TicketRecorded event per ticket on the whole ledger.
    const seen = new Map<string, number>();
    const reopened = openLocalLedger(data);
    try {
      const height = await reopened.height();
      const abort = new AbortController();
      for await (const block of reopened.blocks({ startBlock: 0, signal: abort.signal })) {
        for (const tx of block.transactions) {
          for (const event of tx.events) {
            if (event.name !== 'TicketRecorded') continue;
            const payload = JSON.parse(
              Buffer.from(event.payload).toString(),
            ) as TicketRecordedEvent;
            seen.set(payload.ticketId, (seen.get(payload.ticketId) ?? 0) + 1);
          }
        }
        if (block.number === height - 1) break;
      }
      abort.abort();
    } finally {
      await reopened.close();
    }
    for (const id of acknowledged) assert.equal(seen.get(id), 1, `ticket ${id}`);
    assert.equal(seen.size, TICKETS);
    assert.ok(
      [...seen.values()].every((n) => n === 1),
      'no ticket recorded twice',
    );

    const verify = eter('verify', '--data', data);
    assert.equal(verify.code, 0, verify.out + verify.err);
    const check = eter('rebuild', '--check', '--data', data);
    assert.equal(check.code, 0, check.out + check.err);
    assert.match(check.out, /read model matches the ledger/);
  });
});
