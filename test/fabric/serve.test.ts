/**
 * End to end on Fabric: POS traffic into two collector servers at once
 * (`--ledger fabric`), committed on a real local network, projected by a
 * query server into its read model, read back under the access rules and
 * streamed over SSE.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TokenService } from '../../src/api/auth/tokens';
import { loadConfig } from '../../src/api/config';
import { startServer, type LocalServer } from '../../src/cli/local-server';
import { networkDown, networkUp } from '../../src/fabric/network';
import { newTopology, paths, type Topology } from '../../src/fabric/topology';
import type { LedgerGateway } from '../../src/ledger/gateway';
import { localIdentities, LOCAL_RETAILER_MSP } from '../../src/node/local-node';
import { buildTicket, gtin13 } from '../../src/sim/ticket-factory';
import { fabricSkipReason, tempDir } from '../support/engines';

const BASE_PORT = 23050;
const skip = fabricSkipReason();

describe('eter serve --ledger fabric', { skip }, () => {
  const dir = tempDir('eter-fabric-serve-');
  let topology: Topology;
  const servers: LocalServer<LedgerGateway>[] = [];
  const keys: string[] = [];
  let query: LocalServer<LedgerGateway>;

  const serve = (role: 'collector' | 'all', name: string) =>
    startServer(
      loadConfig({
        flags: {
          role,
          port: 0,
          dataDir: `${dir.path}/${name}`,
          logLevel: 'silent',
          ledger: 'fabric',
          fabricProfile: paths(topology).profile,
        },
      }),
    );

  before(async () => {
    topology = newTopology({ dir: `${dir.path}/network`, basePort: BASE_PORT });
    await networkUp(topology);
    query = await serve('all', 'query');
    servers.push(
      query,
      await serve('collector', 'collector-a'),
      await serve('collector', 'collector-b'),
    );
    const op = localIdentities.operator;
    await query.client.registerStore(op, {
      storeId: 'store-001',
      name: 'Main Street',
      mspId: LOCAL_RETAILER_MSP,
    });
    await query.client.registerStore(op, {
      storeId: 'store-002',
      name: 'Harbour',
      mspId: LOCAL_RETAILER_MSP,
    });
    await query.client.registerCustomer(op, { customerId: 'cust-0001' });
    for (const server of servers.slice(1)) keys.push(server.keys.create('store-001', 'pos').apiKey);
  });
  after(async () => {
    for (const server of servers) await server.close();
    await networkDown(topology);
    dir.cleanup();
  });

  it('takes tickets at two collectors at once and acknowledges each once committed', async () => {
    const sends = Array.from({ length: 20 }, (_, i) => {
      const collector = servers[1 + (i % 2)]!;
      const ticket = buildTicket({
        ticketId: `E2E-${i}`,
        storeId: 'store-001',
        customerId: 'cust-0001',
        lines: [{ gtin: gtin13('400638', i + 1), quantity: '1', unitPrice: '2.50' }],
      });
      return fetch(`${collector.address}/v1/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${keys[i % 2]}` },
        body: JSON.stringify(ticket),
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as Record<string, unknown>,
      }));
    });
    const results = await Promise.all(sends);
    for (const r of results) assert.equal(r.status, 201, JSON.stringify(r.body));
    for (const r of results) {
      const tx = await query.ledger.findTransaction(String(r.body.txId));
      assert.equal(tx?.validationCode, 'VALID');
    }
  });

  it('projects the committed tickets and serves them by role', async () => {
    await query.projector!.waitFor((await query.ledger.height()) - 1);
    await query.users.create({
      username: 'main-street',
      password: 'correct horse battery',
      role: 'store',
      subjectId: 'store-001',
    });
    const tokens = TokenService.open(`${dir.path}/query`, { ttlSeconds: 900 });
    const token = tokens.issue({ username: 'main-street', role: 'store', subjectId: 'store-001' });
    const get = (path: string) =>
      fetch(`${query.address}${path}`, { headers: { authorization: `Bearer ${token.token}` } });
    const own = await get('/v1/stores/store-001/tickets?limit=100');
    assert.equal(own.status, 200);
    const page = (await own.json()) as { tickets: { ticketId: string }[] };
    assert.equal(page.tickets.length, 20);
    const foreign = await get('/v1/stores/store-002/tickets');
    assert.equal(foreign.status, 404, 'another store is hidden');
  });
});
