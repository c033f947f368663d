/**
 * End to end on Fabric: POS traffic into two collector servers at once
 * (`--ledger fabric`), committed on a real local network, projected by a
 * query server into its read model, read back under the access rules,
 * streamed over SSE to the right manufacturer, proven with a block proof
 * that checks offline, and cross-checked by `eter verify --read-model`.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { PersonRole } from '../../src/api/auth/person';
import { TokenService } from '../../src/api/auth/tokens';
import { loadConfig } from '../../src/api/config';
import { startServer, type LocalServer } from '../../src/cli/local-server';
import type { PortReservation } from '../../src/fabric/free-ports';
import { networkDown, networkUp } from '../../src/fabric/network';
import { newTopology, paths, type Topology } from '../../src/fabric/topology';
import type { Ticket } from '../../src/format';
import {
  checkFabricChain,
  checkFabricInclusion,
  FabricProofError,
  type FabricChainDocument,
  type FabricInclusionDocument,
} from '../../src/ledger/fabric';
import type { LedgerGateway } from '../../src/ledger/gateway';
import { localIdentities, LOCAL_RETAILER_MSP } from '../../src/node/local-node';
import { READ_MODEL_FILE, type TicketCoverageReport } from '../../src/readmodel';
import { buildTicket, gtin13 } from '../../src/sim/ticket-factory';
import { fabricSkipReason, tempDir } from '../support/engines';
import { eter as runEter } from '../support/eter-process';
import { reserveTestPorts } from '../support/fabric-ports';
import { ALBION_PREFIX, basket, FABER_PREFIX } from '../support/network';
import { openSse } from '../support/sse';
import { fabricProofProbes } from './proof-probes';

const skip = fabricSkipReason();
const TICKETS = 20;

describe('eter serve --ledger fabric', { skip }, () => {
  const dir = tempDir('eter-fabric-serve-');
  let ports: PortReservation;
  let topology: Topology;
  const servers: LocalServer<LedgerGateway>[] = [];
  const keys: string[] = [];
  let query: LocalServer<LedgerGateway>;
  const logins = new Map<string, string>();

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
  /** POSTs a ticket to collector `n` (0 or 1) with its terminal key. */
  const post = async (n: number, ticket: Ticket) => {
    const response = await fetch(`${servers[1 + n]!.address}/v1/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${keys[n]}` },
      body: JSON.stringify(ticket),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const auth = (login: string) => ({ authorization: `Bearer ${logins.get(login)}` });
  const get = (login: string, path: string) =>
    fetch(`${query.address}${path}`, { headers: auth(login) });
  const settled = async () => query.projector!.waitFor((await query.ledger.height()) - 1);

  before(async () => {
    ports = await reserveTestPorts();
    topology = newTopology({ dir: `${dir.path}/network`, basePort: ports.basePort });
    await networkUp(topology);
    query = await serve('all', 'query');
    servers.push(
      query,
      await serve('collector', 'collector-a'),
      await serve('collector', 'collector-b'),
    );
    const op = localIdentities.operator;
    for (const [storeId, name] of [
      ['store-001', 'Main Street'],
      ['store-002', 'Harbour'],
    ] as const) {
      await query.client.registerStore(op, { storeId, name, mspId: LOCAL_RETAILER_MSP });
    }
    await query.client.registerCustomer(op, { customerId: 'cust-0001' });
    await query.client.registerManufacturer(op, {
      manufacturerId: 'mfr-faber',
      name: 'Faber',
      prefixes: [FABER_PREFIX],
    });
    await query.client.registerManufacturer(op, {
      manufacturerId: 'mfr-albion',
      name: 'Albion',
      prefixes: [ALBION_PREFIX],
    });
    for (const server of servers.slice(1)) keys.push(server.keys.create('store-001', 'pos').apiKey);
    const tokens = TokenService.open(`${dir.path}/query`, { ttlSeconds: 900 });
    const people: [string, PersonRole, string | null][] = [
      ['main-street', 'store', 'store-001'],
      ['faber', 'manufacturer', 'mfr-faber'],
      ['albion', 'manufacturer', 'mfr-albion'],
      ['auditor', 'auditor', null],
    ];
    // Tokens are checked against live logins, so each person has a real one.
    for (const [username, role, subjectId] of people) {
      await query.users.create({ username, password: 'correct horse battery', role, subjectId });
      const generation = query.users.tokenGeneration(username) ?? 0;
      logins.set(username, tokens.issue({ username, role, subjectId }, generation).token);
    }
  });
  after(async () => {
    for (const server of servers) await server.close();
    await networkDown(topology);
    ports.release();
    dir.cleanup();
  });

  it('takes tickets at two collectors at once and acknowledges each once committed', async () => {
    const results = await Promise.all(
      Array.from({ length: TICKETS }, (_, i) =>
        post(
          i % 2,
          buildTicket({
            ticketId: `E2E-${i}`,
            storeId: 'store-001',
            customerId: 'cust-0001',
            lines: [{ gtin: gtin13('400638', i + 1), quantity: '1', unitPrice: '2.50' }],
          }),
        ),
      ),
    );
    for (const r of results) assert.equal(r.status, 201, JSON.stringify(r.body));
    for (const r of results) {
      const tx = await query.ledger.findTransaction(String(r.body.txId));
      assert.equal(tx?.validationCode, 'VALID');
    }
  });

  it('projects the committed tickets and serves them by role', async () => {
    await settled();
    const own = await get('main-street', '/v1/stores/store-001/tickets?limit=100');
    assert.equal(own.status, 200);
    const page = (await own.json()) as { tickets: { ticketId: string }[] };
    assert.equal(page.tickets.length, TICKETS);
    const foreign = await get('main-street', '/v1/stores/store-002/tickets');
    assert.equal(foreign.status, 404, 'another store is hidden');
  });

  it('streams a sale from a collector to its manufacturer and not to another', async () => {
    const faber = await openSse(`${query.address}/v1/stream/sales`, auth('faber'));
    const albion = await openSse(`${query.address}/v1/stream/sales`, auth('albion'));
    try {
      assert.equal(faber.status, 200);
      assert.match(faber.contentType ?? '', /text\/event-stream/);
      // Albion goods only, through one collector: Faber must not hear of it.
      const albionOnly = buildTicket({
        ticketId: 'SSE-1',
        storeId: 'store-001',
        lines: [{ gtin: gtin13(ALBION_PREFIX, 2), quantity: '1', unitPrice: '4.20' }],
      });
      assert.equal((await post(1, albionOnly)).status, 201);
      // Then a basket of both, through the other collector.
      assert.equal((await post(0, basket('SSE-2', 'store-001', 'cust-0001'))).status, 201);

      const gtins = (data: string) =>
        (JSON.parse(data) as { lines: { gtin: string }[] }).lines.map((l) => l.gtin);
      const faberSale = await faber.next(30_000);
      assert.equal(faberSale.event, 'sale');
      assert.deepEqual(gtins(faberSale.data), [gtin13(FABER_PREFIX, 1)], 'only its own line');
      assert.equal((JSON.parse(faberSale.data) as { storeId: string }).storeId, 'store-001');
      assert.ok(!faberSale.data.includes('cust-'), 'no customer id in a sale event');
      const albionSales = [await albion.next(30_000), await albion.next(30_000)];
      assert.deepEqual(
        albionSales.map((e) => gtins(e.data)),
        [[gtin13(ALBION_PREFIX, 2)], [gtin13(ALBION_PREFIX, 1)]],
      );
    } finally {
      faber.close();
      albion.close();
    }
  });

  it('proves a ticket with its Fabric block, checkable offline, and catches forgeries', async () => {
    await settled();
    const detail = await get('auditor', '/v1/stores/store-001/tickets/E2E-3');
    assert.equal(detail.status, 200);
    const body = (await detail.json()) as { blockNumber: number; proof: Record<string, unknown> };
    assert.equal(body.proof.kind, 'fabric-block');
    assert.equal(body.proof.format, 'eter-fabric-inclusion/v1');
    assert.equal((body.proof.header as { number: number }).number, body.blockNumber);

    const ordererCa = `${paths(topology).ordererOrg}/msp/cacerts/ca.${topology.ordererDomain}-cert.pem`;
    const file = `${dir.path}/proof.json`;
    writeFileSync(file, JSON.stringify(body.proof));
    const checked = runEter('check-proof', file, '--orderer-ca', ordererCa);
    assert.equal(checked.code, 0, checked.out + checked.err);
    assert.match(checked.out, new RegExp(`in block ${body.blockNumber} `));
    // The same check in process, over every forgery: each is caught, by the right part.
    const roots = [new X509Certificate(readFileSync(ordererCa))];
    const doc = body.proof as unknown as FabricInclusionDocument;
    assert.equal(checkFabricInclusion(doc, roots).blockNumber, body.blockNumber);
    assert.match(Buffer.from(checkFabricInclusion(doc, roots).call.args[1]!).toString(), /E2E-3/);
    for (const [name, forge, code] of fabricProofProbes) {
      const forged = forge(body.proof) as unknown as FabricInclusionDocument;
      assert.throws(
        () => checkFabricInclusion(forged, roots),
        (e: unknown) => e instanceof FabricProofError && e.code === code,
        name,
      );
    }
    assert.throws(() => checkFabricInclusion(doc, []), /untrusted-signer|not issued/);

    // Against a later block, the proof adds the header chain up to it.
    const last = (await query.ledger.height()) - 1;
    const txId = (body.proof as { txId: string }).txId;
    const later = await get('auditor', `/v1/ledger/transactions/${txId}/proof?atBlock=${last}`);
    assert.equal(later.status, 200);
    writeFileSync(file, await later.text());
    const chained = runEter('check-proof', file, '--orderer-ca', ordererCa);
    assert.equal(chained.code, 0, chained.out + chained.err);
    assert.match(chained.out, new RegExp(`chained to block ${last}`));

    // The newest head, and the chain from the ticket's block to it, check too.
    const head = (await (await get('auditor', '/v1/ledger/head')).json()) as {
      head: { format: string; header: { number: number } };
    };
    assert.equal(head.head.format, 'eter-fabric-head/v1');
    const consistency = await get(
      'auditor',
      `/v1/ledger/consistency?from=${body.blockNumber}&to=${head.head.header.number}`,
    );
    const chain = checkFabricChain((await consistency.json()) as FabricChainDocument, roots);
    assert.deepEqual([chain.from, chain.to], [body.blockNumber, head.head.header.number]);
    const beyond = await get('auditor', `/v1/ledger/consistency?from=0&to=${last + 100}`);
    assert.equal(beyond.status, 404, 'a block not cut yet is not waited for');

    // The block proof shows the block's other tickets: a store gets the ticket without it.
    const asStore = await get('main-street', '/v1/stores/store-001/tickets/E2E-3');
    assert.equal(asStore.status, 200);
    assert.equal(((await asStore.json()) as { proof?: unknown }).proof, undefined);
  });

  it('eter verify checks that the read model holds every valid ticket, and names what it lacks', async () => {
    await settled();
    const profile = paths(topology).profile;
    const sound = runEter(
      'verify',
      '--fabric-profile',
      profile,
      '--read-model',
      `${dir.path}/query`,
      '--json',
    );
    assert.equal(sound.code, 0, sound.out + sound.err);
    const report = JSON.parse(sound.out) as { ok: boolean; readModel: TicketCoverageReport };
    assert.equal(report.ok, true);
    assert.equal(report.readModel.ledgerTickets, TICKETS + 2);
    assert.equal(report.readModel.readModelTickets, TICKETS + 2);

    // A copy of the live read model, with one row deleted and one pointing elsewhere.
    const copy = `${dir.path}/tampered-${READ_MODEL_FILE}`;
    const live = new Database(`${dir.path}/query/${READ_MODEL_FILE}`, { readonly: true });
    await live.backup(copy);
    live.close();
    const tampered = new Database(copy);
    tampered.prepare(`DELETE FROM ticket WHERE ticket_id = 'E2E-5'`).run();
    tampered.prepare(`UPDATE ticket SET ticket_id = 'E2E-X' WHERE ticket_id = 'E2E-6'`).run();
    tampered.close();
    const caught = runEter('verify', '--fabric-profile', profile, '--read-model', copy);
    assert.equal(caught.code, 1, caught.out + caught.err);
    assert.match(caught.out, /READ MODEL DOES NOT MATCH/);
    const [missing, extra] = caught.out.split('in the read model but not on the channel');
    assert.match(missing!, /missing from the read model: 2\n/);
    assert.match(missing!, / {2}store-001\/E2E-5 \(tx [0-9a-f]{64}, block \d+\)/);
    assert.match(missing!, / {2}store-001\/E2E-6 /);
    assert.match(extra!, /^: 1\n {2}store-001\/E2E-X /);

    // A path that holds no read model is refused with its name, not a stack.
    const nothing = runEter('verify', '--fabric-profile', profile, '--read-model', profile);
    assert.notEqual(nothing.code, 0);
    assert.match(nothing.err, /connection-profile.json is not a read model/);
  });
});
