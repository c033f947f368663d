/**
 * A node dies in the middle of a load (the peer of one organisation; then,
 * on the same three-orderer network, the Raft leader): the collector
 * answers 201 or 503, never acknowledges what did not commit, and once the
 * network is back every acknowledged ticket is on the ledger exactly once.
 * One network serves both cases, to keep the suite's time down.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import { loadConfig } from '../../src/api/config';
import { startServer, type LocalServer } from '../../src/cli/local-server';
import { networkDown, networkUp } from '../../src/fabric/network';
import type { PortReservation } from '../../src/fabric/free-ports';
import { recordedNodes } from '../../src/fabric/node-processes';
import { waitForRaftLeader } from '../../src/fabric/raft-leader';
import { newTopology, paths, type Topology } from '../../src/fabric/topology';
import type { LedgerGateway } from '../../src/ledger/gateway';
import { localIdentities, LOCAL_RETAILER_MSP } from '../../src/node/local-node';
import { buildTicket, gtin13 } from '../../src/sim/ticket-factory';
import { fabricSkipReason, tempDir } from '../support/engines';
import { reserveTestPorts } from '../support/fabric-ports';

const TICKETS = 60;
/** The load sends this many tickets at once, and kills the node after {@link KILL_AT}. */
const WAVE = 4;
const KILL_AT = 20;
const skip = fabricSkipReason();

describe('Fabric faults', { skip }, () => {
  const dir = tempDir('eter-fabric-faults-');
  let ports: PortReservation;
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
  const ticket = (storeId: string, i: number) =>
    buildTicket({
      ticketId: `F-${String(i).padStart(4, '0')}`,
      storeId,
      lines: [{ gtin: gtin13('400638', i + 1), quantity: '1', unitPrice: '1.00' }],
    });
  const post = async (storeId: string, i: number) => {
    const response = await fetch(`${collector.address}/v1/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify(ticket(storeId, i)),
    });
    return { i, status: response.status, body: (await response.json()) as { txId?: string } };
  };
  type Outcome = Awaited<ReturnType<typeof post>>;

  /** Sends the store's tickets in waves, calling `kill` after {@link KILL_AT} of them. */
  const load = async (storeId: string, kill: () => void): Promise<Outcome[]> => {
    const outcomes: Outcome[] = [];
    for (let i = 0; i < TICKETS; i += WAVE) {
      if (i === KILL_AT) kill();
      const wave = Array.from({ length: WAVE }, (_, k) => post(storeId, i + k));
      outcomes.push(...(await Promise.all(wave)));
    }
    return outcomes;
  };

  /** Only 201 and 503, and every 201 a valid commit, even while the node was down. */
  const assertHonest = async (outcomes: Outcome[], t: TestContext) => {
    const statuses = new Set(outcomes.map((o) => o.status));
    assert.ok(
      [...statuses].every((s) => s === 201 || s === 503),
      [...statuses].join(','),
    );
    const acknowledged = outcomes.filter((o) => o.status === 201);
    assert.ok(acknowledged.length >= KILL_AT, 'tickets before the kill were acknowledged');
    for (const o of acknowledged) {
      const tx = await collector.ledger.findTransaction(o.body.txId!);
      assert.equal(tx?.validationCode, 'VALID', `ticket ${o.i}`);
    }
    const refused = outcomes.filter((o) => o.status === 503);
    t.diagnostic(`acknowledged ${acknowledged.length}, refused ${refused.length}`);
    return refused;
  };

  /**
   * Restarts the whole network from its folder, lets the POS retry what was
   * refused, and checks that the store has each ticket exactly once.
   */
  const restartAndCount = async (storeId: string, refused: Outcome[]) => {
    await collector.close();
    await networkDown(topology);
    await networkUp(topology);
    collector = await serve();
    for (const o of refused) {
      const retry = await post(storeId, o.i);
      assert.ok(retry.status === 201 || retry.status === 200, `retry of ${o.i}: ${retry.status}`);
    }
    const page = await collector.client.listStoreTickets(localIdentities.auditor, {
      storeId,
      limit: 1000,
    });
    const ids = page.tickets.map((t) => t.ticket.ticketId).sort();
    assert.equal(ids.length, TICKETS, 'every ticket exactly once');
    assert.equal(new Set(ids).size, TICKETS);
  };

  before(async () => {
    ports = await reserveTestPorts(3);
    topology = newTopology({ dir: `${dir.path}/network`, basePort: ports.basePort, orderers: 3 });
    await networkUp(topology);
    collector = await serve();
    for (const storeId of ['store-001', 'store-002']) {
      await collector.client.registerStore(localIdentities.operator, {
        storeId,
        name: storeId,
        mspId: LOCAL_RETAILER_MSP,
      });
    }
    apiKey = collector.keys.create('store-001', 'pos').apiKey;
  });
  after(async () => {
    await collector.close();
    await networkDown(topology);
    ports.release();
    dir.cleanup();
  });

  it('answers 503 while the operator peer is down and loses no acknowledged ticket', async (t) => {
    const operatorPeer = recordedNodes(paths(topology).run).find((n) =>
      n.name.startsWith('peer0.operator'),
    )!;
    const outcomes = await load('store-001', () => process.kill(operatorPeer.pid, 'SIGKILL'));
    const refused = await assertHonest(outcomes, t);
    assert.ok(refused.length > 0, 'tickets after the kill were refused');
    await restartAndCount('store-001', refused);
  });

  it('survives the loss of the Raft leader of three orderers and loses no acknowledged ticket', async (t) => {
    apiKey = collector.keys.create('store-002', 'pos').apiKey;
    const leaderName = await waitForRaftLeader(topology);
    const leader = recordedNodes(paths(topology).run).find((n) => n.name === leaderName)!;
    const outcomes = await load('store-002', () => process.kill(leader.pid, 'SIGKILL'));
    const refused = await assertHonest(outcomes, t);
    // Two of three orderers still order: after an election the load carries on.
    const afterKill = outcomes.slice(KILL_AT);
    assert.ok(
      afterKill.some((o) => o.status === 201),
      'tickets after the kill were acknowledged',
    );
    await restartAndCount('store-002', refused);
  });
});
