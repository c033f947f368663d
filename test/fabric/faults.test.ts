/**
 * A peer dies in the middle of a load: the collector answers 503 (or the
 * ticket commits), never acknowledges what did not commit, and once the
 * network is back every acknowledged ticket is on the ledger exactly once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/api/config';
import { startServer, type LocalServer } from '../../src/cli/local-server';
import { networkDown, networkUp } from '../../src/fabric/network';
import { recordedNodes } from '../../src/fabric/node-processes';
import { newTopology, paths, type Topology } from '../../src/fabric/topology';
import type { LedgerGateway } from '../../src/ledger/gateway';
import { localIdentities, LOCAL_RETAILER_MSP } from '../../src/node/local-node';
import { buildTicket, gtin13 } from '../../src/sim/ticket-factory';
import { fabricSkipReason, tempDir } from '../support/engines';

const BASE_PORT = 24050;
const TICKETS = 60;
const skip = fabricSkipReason();

describe('Fabric faults', { skip }, () => {
  const dir = tempDir('eter-fabric-faults-');
  let topology: Topology;
  let collector: LocalServer<LedgerGateway>;
  let apiKey: string;

  const serve = () =>
    startServer(
      loadConfig({
        flags: {
          role: 'collector',
          port: 0,
          dataDir: `${dir.path}/collector`,
          logLevel: 'silent',
          ledger: 'fabric',
          fabricProfile: paths(topology).profile,
        },
      }),
    );
  const ticket = (i: number) =>
    buildTicket({
      ticketId: `F-${String(i).padStart(4, '0')}`,
      storeId: 'store-001',
      lines: [{ gtin: gtin13('400638', i + 1), quantity: '1', unitPrice: '1.00' }],
    });
  const post = async (server: LocalServer<LedgerGateway>, i: number) => {
    const response = await fetch(`${server.address}/v1/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify(ticket(i)),
    });
    return { i, status: response.status, body: (await response.json()) as { txId?: string } };
  };

  before(async () => {
    topology = newTopology({ dir: `${dir.path}/network`, basePort: BASE_PORT });
    await networkUp(topology);
    collector = await serve();
    await collector.client.registerStore(localIdentities.operator, {
      storeId: 'store-001',
      name: 'Main Street',
      mspId: LOCAL_RETAILER_MSP,
    });
    apiKey = collector.keys.create('store-001', 'pos').apiKey;
  });
  after(async () => {
    await collector.close();
    await networkDown(topology);
    dir.cleanup();
  });

  it('answers 503 while the operator peer is down and loses no acknowledged ticket', async () => {
    const outcomes: Awaited<ReturnType<typeof post>>[] = [];
    const operatorPeer = recordedNodes(paths(topology).run).find((n) =>
      n.name.startsWith('peer0.operator'),
    )!;
    for (let i = 0; i < TICKETS; i += 4) {
      if (i === 20) process.kill(operatorPeer.pid, 'SIGKILL');
      outcomes.push(...(await Promise.all([0, 1, 2, 3].map((k) => post(collector, i + k)))));
    }
    const statuses = new Set(outcomes.map((o) => o.status));
    assert.ok(
      [...statuses].every((s) => s === 201 || s === 503),
      [...statuses].join(','),
    );
    const acknowledged = outcomes.filter((o) => o.status === 201);
    const refused = outcomes.filter((o) => o.status === 503);
    assert.ok(acknowledged.length >= 20, 'tickets before the kill were acknowledged');
    assert.ok(refused.length > 0, 'tickets after the kill were refused');

    // Every acknowledgement was a valid commit, even while the peer was down.
    for (const o of acknowledged) {
      const tx = await collector.ledger.findTransaction(o.body.txId!);
      assert.equal(tx?.validationCode, 'VALID', `ticket ${o.i}`);
    }

    // Restart the whole network from its folder; the POS retries what was refused.
    await collector.close();
    await networkDown(topology);
    await networkUp(topology);
    collector = await serve();
    for (const o of refused) {
      const retry = await post(collector, o.i);
      assert.ok(retry.status === 201 || retry.status === 200, `retry of ${o.i}: ${retry.status}`);
    }
    const page = await collector.client.listStoreTickets(localIdentities.auditor, {
      storeId: 'store-001',
      limit: 1000,
    });
    const ids = page.tickets.map((t) => t.ticket.ticketId).sort();
    assert.equal(ids.length, TICKETS, 'every ticket exactly once');
    assert.equal(new Set(ids).size, TICKETS);
  });
});
