/**
 * The query side over real HTTP: tickets, proofs, points, sales, the
 * auditor's ledger view, participant management and live streams, on a real
 * ledger and read model in a temporary folder.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  checkConsistencyProof,
  checkInclusionProof,
  parsePublicKey,
  type ConsistencyProofBundle,
  type InclusionProofBundle,
  type InclusionProofBundleV2,
} from '../../src/ledger/embedded';
import { localIdentities } from '../../src/node/local-node';
import { gtin13 } from '../../src/sim/ticket-factory';
import { basket, FABER_PREFIX, ids, startTestNetwork, type TestNetwork } from '../support/network';
import { openSse } from '../support/sse';

describe('query API', () => {
  let net: TestNetwork;
  before(async () => {
    net = await startTestNetwork();
  });
  after(async () => {
    await net.close();
  });

  it('lists a store’s tickets with exact amounts, paged by cursor', async () => {
    const store = net.token('store');
    for (let i = 2; i <= 4; i++) {
      const res = await net.request('POST', '/v1/tickets', {
        auth: net.apiKey,
        body: { ...basket(`t-own-${i}`, ids.own.store), issuedAt: `2026-11-24T1${i}:00:00+01:00` },
      });
      assert.equal(res.status, 201);
    }
    await net.settled();
    const first = await net.request('GET', `/v1/stores/${ids.own.store}/tickets?limit=2`, {
      auth: store,
    });
    assert.equal(first.status, 200);
    const page = first.body as {
      tickets: Array<{ ticketId: string; total: string; lines: unknown[] }>;
      nextCursor?: string;
    };
    assert.deepEqual(
      page.tickets.map((t) => t.ticketId),
      ['t-own-1', 't-own-2'],
    );
    assert.equal(page.tickets[0]!.total, '9.08');
    assert.equal(page.tickets[0]!.lines.length, 3);
    const second = await net.request(
      'GET',
      `/v1/stores/${ids.own.store}/tickets?limit=2&cursor=${page.nextCursor}`,
      { auth: store },
    );
    assert.deepEqual(
      (second.body as { tickets: Array<{ ticketId: string }> }).tickets.map((t) => t.ticketId),
      ['t-own-3', 't-own-4'],
    );
    const window = await net.request(
      'GET',
      `/v1/stores/${ids.own.store}/tickets?from=${encodeURIComponent('2026-11-24T12:00:00Z')}&to=${encodeURIComponent('2026-11-24T13:00:00Z')}`,
      { auth: store },
    );
    assert.deepEqual(
      (window.body as { tickets: Array<{ ticketId: string }> }).tickets.map((t) => t.ticketId),
      ['t-own-3'],
    );
  });

  it('refuses bad query parameters, naming them', async () => {
    const store = net.token('store');
    const cases: Array<[string, string]> = [
      ['?limit=0', '/limit'],
      ['?limit=501', '/limit'],
      ['?from=yesterday', '/from'],
      ['?cursor=bm9wZQ', '/cursor'],
      ['?colour=red', '/colour'],
    ];
    for (const [qs, path] of cases) {
      const res = await net.request('GET', `/v1/stores/${ids.own.store}/tickets${qs}`, {
        auth: store,
      });
      assert.equal(res.status, 400, qs);
      const errors = (res.body as { errors: Array<{ path: string }> }).errors;
      assert.ok(
        errors.some((e) => e.path === path),
        `${qs}: ${JSON.stringify(errors)}`,
      );
    }
  });

  it('serves a ticket with an inclusion proof that checks offline', async () => {
    const res = await net.request('GET', `/v1/stores/${ids.own.store}/tickets/t-own-1`, {
      auth: net.token('customer'),
    });
    assert.equal(res.status, 200);
    const body = res.body as {
      ticket: { ticketId: string; payments: unknown[] };
      txId: string;
      blockNumber: number;
      proof: InclusionProofBundleV2;
    };
    assert.equal(body.ticket.ticketId, 't-own-1');
    assert.equal(body.ticket.payments.length, 1);
    assert.equal((body.proof as unknown as { kind: string }).kind, 'rfc6962');
    const pem = net.server.ledger.key.publicKeyPem();
    const checked = checkInclusionProof(body.proof, parsePublicKey(pem));
    assert.equal(checked.record.txId ?? body.txId, body.txId);
    // A byte changed in the proven ticket is caught.
    const args = body.proof.disclosed.args!;
    const forged = {
      ...body.proof,
      disclosed: {
        ...body.proof.disclosed,
        args: { ...args, value: args.value.replace('t-own-1', 't-own-9') },
      },
    };
    assert.throws(() => checkInclusionProof(forged, parsePublicKey(pem)));
  });

  it('gives a customer their points and movements with proof links', async () => {
    const res = await net.request('GET', `/v1/customers/${ids.own.customer}/points`, {
      auth: net.token('customer'),
    });
    assert.equal(res.status, 200);
    const body = res.body as {
      balance: number;
      earned: number;
      movements: Array<{ delta: number; txId: string; proof: string }>;
    };
    assert.equal(body.balance, 9);
    assert.equal(body.earned, 9);
    assert.equal(body.movements.length, 1);
    const movement = body.movements[0]!;
    assert.equal(
      movement.proof,
      `/v1/customers/${ids.own.customer}/points/movements/${movement.txId}/proof`,
    );
    // The link gives the movement's transaction with a proof that checks offline.
    const proof = await net.request('GET', movement.proof, { auth: net.token('customer') });
    assert.equal(proof.status, 200);
    const bundle = (proof.body as { proof: InclusionProofBundle }).proof;
    const pem = net.server.ledger.key.publicKeyPem();
    assert.equal(checkInclusionProof(bundle, parsePublicKey(pem)).record.txId, movement.txId);
    const tickets = await net.request('GET', `/v1/customers/${ids.own.customer}/tickets`, {
      auth: net.token('customer'),
    });
    assert.deepEqual(
      (tickets.body as { tickets: Array<{ ticketId: string }> }).tickets.map((t) => t.ticketId),
      ['t-own-1'],
    );
  });

  it('sums a manufacturer’s sales exactly, and shows no customer or basket', async () => {
    const res = await net.request(
      'GET',
      `/v1/manufacturers/${ids.own.manufacturer}/sales?from=2026-11-24&to=2026-11-24&groupBy=store,gtin`,
      { auth: net.token('manufacturer') },
    );
    assert.equal(res.status, 200);
    const rows = (res.body as { rows: Array<Record<string, unknown>> }).rows;
    const pen = gtin13(FABER_PREFIX, 1);
    assert.deepEqual(
      rows.map((r) => [r.period, r.storeId, r.gtin, r.quantity, r.amount]),
      [
        ['2026-11-24', ids.own.store, pen, '8', '15.92'],
        ['2026-11-24', ids.foreign.store, pen, '2', '3.98'],
      ],
    );
    const text = JSON.stringify(res.body);
    assert.ok(!text.includes('cust-'), 'no customer id');
    assert.ok(!text.includes('9.08'), 'no basket total');
    const bad = await net.request(
      'GET',
      `/v1/manufacturers/${ids.own.manufacturer}/sales?from=2026-11-25&to=2026-11-24`,
      { auth: net.token('manufacturer') },
    );
    assert.equal(bad.status, 400);
    assert.equal((bad.body as { errors: Array<{ rule: string }> }).errors[0]!.rule, 'date-range');
  });

  it('shows auditors the head, blocks and proofs', async () => {
    const auditor = net.token('auditor');
    const head = await net.request('GET', '/v1/ledger/head', { auth: auditor });
    assert.equal(head.status, 200);
    const height = (head.body as { height: number }).height;
    assert.ok(height > 0);
    const blocks = await net.request('GET', '/v1/ledger/blocks?from=0&limit=3', { auth: auditor });
    const list = (
      blocks.body as { blocks: Array<{ number: number; transactions: Array<{ txId: string }> }> }
    ).blocks;
    assert.deepEqual(
      list.map((b) => b.number),
      [0, 1, 2].filter((n) => n < height),
    );
    const txId = list[0]!.transactions[0]!.txId;
    const proof = await net.request('GET', `/v1/ledger/transactions/${txId}/proof`, {
      auth: auditor,
    });
    assert.equal(proof.status, 200);
    const key = parsePublicKey(net.server.ledger.key.publicKeyPem());
    checkInclusionProof(proof.body as InclusionProofBundle, key);
    const consistency = await net.request('GET', `/v1/ledger/consistency?from=0`, {
      auth: auditor,
    });
    assert.equal(consistency.status, 200);
    checkConsistencyProof(consistency.body as ConsistencyProofBundle, key);
    const missing = await net.request('GET', `/v1/ledger/transactions/${'0'.repeat(64)}/proof`, {
      auth: auditor,
    });
    assert.equal(missing.status, 404);
  });

  it('lets the operator register and list participants, with clear errors', async () => {
    const operator = net.token('operator');
    const created = await net.request('POST', '/v1/participants/customers', {
      auth: operator,
      body: { customerId: 'cust-0077' },
    });
    assert.equal(created.status, 201);
    const again = await net.request('POST', '/v1/participants/customers', {
      auth: operator,
      body: { customerId: 'cust-0077' },
    });
    assert.equal(again.status, 409);
    const bad = await net.request('POST', '/v1/participants/stores', {
      auth: operator,
      body: { storeId: 'store-009', name: '', mspId: 'RetailerMSP' },
    });
    // Checked against the documented body before the ledger is asked, like every other body.
    assert.equal(bad.status, 400);
    assert.match((bad.body as { type: string }).type, /\/malformed-request$/);
    assert.ok(
      (bad.body as { errors: Array<{ path: string }> }).errors.some((e) => e.path === '/name'),
    );
    const suspended = await net.request('PUT', `/v1/participants/customers/cust-0077/status`, {
      auth: operator,
      body: { status: 'suspended' },
    });
    assert.equal(suspended.status, 200);
    const badStatus = await net.request('PUT', `/v1/participants/customers/cust-0077/status`, {
      auth: operator,
      body: { status: 'paused' },
    });
    assert.equal(badStatus.status, 400);
    assert.ok(
      (badStatus.body as { errors: Array<{ path: string }> }).errors.some(
        (e) => e.path === '/status',
      ),
    );
    await net.settled();
    const list = await net.request('GET', '/v1/participants/customers', { auth: operator });
    const customers = (list.body as { participants: Array<{ id: string; status: string }> })
      .participants;
    assert.deepEqual(
      customers.map((c) => [c.id, c.status]),
      [
        [ids.own.customer, 'active'],
        [ids.foreign.customer, 'active'],
        ['cust-0077', 'suspended'],
      ],
    );
  });

  it('streams a sale to its manufacturer and not to another, resumable by Last-Event-ID', async () => {
    const faber = await openSse(`${net.url}/v1/stream/sales`, {
      authorization: `Bearer ${net.token('manufacturer')}`,
    });
    const store = await openSse(`${net.url}/v1/stream/sales`, {
      authorization: `Bearer ${net.token('store')}`,
    });
    try {
      assert.equal(faber.status, 200);
      assert.match(faber.contentType ?? '', /text\/event-stream/);
      // A ticket of the foreign store with only Albion goods: Faber must not hear of it.
      const albionOnly = {
        ...basket('t-foreign-2', ids.foreign.store),
        lines: [basket('x', ids.foreign.store).lines[1]!],
      };
      albionOnly.lines = [{ ...albionOnly.lines[0]!, lineNo: 1 }];
      albionOnly.total = '3.50';
      albionOnly.payments = [{ method: 'card', amount: '3.50' }];
      await net.server.client.recordTicket(localIdentities.collector, albionOnly);
      const sold = await net.request('POST', '/v1/tickets', {
        auth: net.apiKey,
        body: basket('t-own-live', ids.own.store, ids.own.customer),
      });
      assert.equal(sold.status, 201);

      const event = await faber.next();
      assert.equal(event.event, 'sale');
      const sale = JSON.parse(event.data) as { storeId: string; lines: Array<{ gtin: string }> };
      assert.equal(sale.storeId, ids.own.store);
      assert.deepEqual(
        sale.lines.map((l) => l.gtin),
        [gtin13(FABER_PREFIX, 1)],
      );
      assert.ok(!event.data.includes('cust-'), 'no customer id in a sale event');
      assert.ok(!event.data.includes('9.08'), 'no basket total in a sale event');

      const ticketEvent = await store.next();
      assert.equal(ticketEvent.event, 'ticket');
      assert.equal((JSON.parse(ticketEvent.data) as { ticketId: string }).ticketId, 't-own-live');

      // Resuming just before the live sale replays exactly it.
      const resumed = await openSse(`${net.url}/v1/stream/sales`, {
        authorization: `Bearer ${net.token('manufacturer')}`,
        'last-event-id': String(Number(event.id) - 1),
      });
      try {
        const replay = await resumed.next();
        assert.equal(replay.id, event.id);
      } finally {
        resumed.close();
      }
    } finally {
      faber.close();
      store.close();
    }
  });

  it('exposes the projector in the metrics', async () => {
    const res = await net.request('GET', '/metrics');
    assert.match(String(res.body), /eter_projector_lag_blocks \d+/);
    assert.match(String(res.body), /eter_projector_checkpoint \d+/);
  });
});
