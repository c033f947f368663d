/**
 * Returns over HTTP, as a till and a retailer meet them: the issue's
 * reproductions against a real server on 127.0.0.1 (a store registered
 * later, with its own terminal, cannot return or even probe another
 * retailer's sale), the lookup a till makes before a return, and the
 * retailer login that reads all of its stores and no other's.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ReturnableSale } from '../../src/contract';
import { returnLineFor, returnedFigures } from '../../src/contract';
import type { Ticket } from '../../src/format';
import { buildTicket } from '../../src/sim/ticket-factory';
import { ids, startTestNetwork, type TestNetwork } from '../support/network';

const PEN = '4006381333931';
const SODA = '5449000000996';

interface Problem {
  status: number;
  errors?: Array<{ path: string; rule: string }>;
}

describe('returns over HTTP', () => {
  let net: TestNetwork;
  let sale: Ticket;
  let newcomerKey: string;
  let sisterKey: string;

  before(async () => {
    net = await startTestNetwork();
    // The operator registers a store after the start, under a retailer of its own…
    const newcomer = await net.request('POST', '/v1/participants/stores', {
      auth: net.token('operator'),
      body: { storeId: 'store-new', name: 'Newcomer', mspId: 'RetailerMSP' },
    });
    assert.equal(newcomer.status, 201, JSON.stringify(newcomer.body));
    // …and one of the own retailer.
    const sister = await net.request('POST', '/v1/participants/stores', {
      auth: net.token('operator'),
      body: {
        storeId: 'store-sister',
        name: 'Sister',
        mspId: 'RetailerMSP',
        retailerId: ids.own.retailer,
      },
    });
    assert.equal(sister.status, 201, JSON.stringify(sister.body));
    newcomerKey = net.server.keys.create('store-new', 'pos-01').apiKey;
    sisterKey = net.server.keys.create('store-sister', 'pos-01').apiKey;
    sale = buildTicket({
      ticketId: 'sale-pen-1',
      storeId: ids.own.store,
      customerId: ids.own.customer,
      lines: [{ gtin: PEN, quantity: '1', unitPrice: '10.00' }],
    });
    const recorded = await net.request('POST', '/v1/tickets', { auth: net.apiKey, body: sale });
    assert.equal(recorded.status, 201, JSON.stringify(recorded.body));
  });
  after(async () => {
    await net.close();
  });

  const lookup = (key: string, storeId: string, ticketId: string) =>
    net.request('GET', `/v1/stores/${storeId}/tickets/${ticketId}/returnable`, { auth: key });

  /** A return at `storeId` of the whole pen line, with `change` applied. */
  const penReturn = (ticketId: string, storeId: string, change: Partial<Ticket> = {}) => {
    const line = returnLineFor(sale, sale.lines[0]!, { quantityMilli: 0n, amountMinor: 0n }, '1');
    const ticket = buildTicket({
      ticketId,
      storeId,
      type: 'return',
      originalTicketId: sale.ticketId,
      ...(storeId === sale.storeId ? {} : { originalStoreId: sale.storeId }),
      lines: [{ ...line, originalLineNo: 1 }],
    });
    return { ...ticket, ...change };
  };

  it('refuses a return with goods the sale never had, recording nothing (reproduction)', async () => {
    const soda = buildTicket({
      ticketId: 'ret-soda-1',
      storeId: ids.own.store,
      type: 'return',
      originalTicketId: sale.ticketId,
      lines: [{ gtin: SODA, quantity: '5', unitPrice: '50.00', originalLineNo: 1 }],
    });
    const answer = await net.request('POST', '/v1/tickets', { auth: net.apiKey, body: soda });
    assert.equal(answer.status, 422);
    const problem = answer.body as Problem;
    assert.deepEqual(
      problem.errors?.map((e) => [e.path, e.rule]),
      [['/lines/0/gtin', 'return-gtin']],
    );
    const seen = (await lookup(net.apiKey, ids.own.store, sale.ticketId)).body as ReturnableSale;
    assert.equal(seen.lines[0]?.returnedQuantity, '0');
  });

  it('gives a store of another retailer the same answers for a sale as for none (reproduction)', async () => {
    const answers = [];
    for (const [ticketId, lineNo] of [
      [sale.ticketId, 1],
      [sale.ticketId, 9999],
      ['no-such-sale', 1],
    ] as const) {
      const attempt = penReturn(`ret-new-${lineNo}-${ticketId}`, 'store-new', {
        originalTicketId: ticketId,
      });
      attempt.lines[0]!.originalLineNo = lineNo;
      const answer = await net.request('POST', '/v1/tickets', { auth: newcomerKey, body: attempt });
      answers.push([answer.status, (answer.body as Problem).errors]);
    }
    assert.deepEqual(answers[0], [422, [{ path: '/originalTicketId', rule: 'original-recorded', message: 'no such ticket recorded' }]]); // prettier-ignore
    assert.deepEqual(answers[1], answers[0]);
    assert.deepEqual(answers[2], answers[0]);
    const probes = [
      await lookup(newcomerKey, ids.own.store, sale.ticketId),
      await lookup(newcomerKey, ids.own.store, 'no-such-sale'),
    ];
    assert.deepEqual(
      probes.map((p) => [p.status, (p.body as { detail?: string }).detail]),
      [
        [404, 'no such sale'],
        [404, 'no such sale'],
      ],
    );
  });

  it('lets a store of the same retailer look the sale up and take the goods back', async () => {
    const before = await lookup(sisterKey, ids.own.store, sale.ticketId);
    assert.equal(before.status, 200, JSON.stringify(before.body));
    const seen = before.body as ReturnableSale;
    assert.deepEqual(
      [seen.customerId, seen.lines[0]?.returnableQuantity, seen.lines[0]?.returnableAmount],
      [ids.own.customer, '1', '10.00'],
    );
    const line = returnLineFor(
      sale,
      sale.lines[0]!,
      returnedFigures({ quantity: '0', amount: '0.00' }, 'EUR'),
      seen.lines[0]!.returnableQuantity,
    );
    const back = buildTicket({
      ticketId: 'ret-sister-1',
      storeId: 'store-sister',
      type: 'return',
      originalTicketId: sale.ticketId,
      originalStoreId: sale.storeId,
      customerId: seen.customerId!,
      lines: [{ ...line, originalLineNo: line.lineNo }],
    });
    const answer = await net.request('POST', '/v1/tickets', { auth: sisterKey, body: back });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    assert.equal((answer.body as { pointsReversed: number }).pointsReversed, 10);
    const again = await net.request('POST', '/v1/tickets', {
      auth: net.apiKey,
      body: penReturn('ret-again-usd', ids.own.store, { currency: 'USD' }),
    });
    assert.equal(again.status, 422);
    assert.equal((again.body as Problem).errors?.[0]?.rule, 'return-currency');
    const after = (await lookup(net.apiKey, ids.own.store, sale.ticketId)).body as ReturnableSale;
    assert.deepEqual(
      [after.lines[0]?.returnedQuantity, after.lines[0]?.returnableQuantity],
      ['1', '0'],
    );
  });

  it('shows the retailer the tickets and daily totals of all its stores, with the returned figures, and no other retailer’s', async () => {
    await net.settled();
    const retailer = net.token('retailer');
    const all = await net.request('GET', `/v1/retailers/${ids.own.retailer}/tickets?limit=2`, {
      auth: retailer,
    });
    assert.equal(all.status, 200, JSON.stringify(all.body));
    const pages: Array<{ storeId: string; ticketId: string }> = [];
    let page = all.body as {
      tickets: Array<{ storeId: string; ticketId: string }>;
      nextCursor?: string;
    };
    pages.push(...page.tickets);
    while (page.nextCursor !== undefined) {
      const more = `/v1/retailers/${ids.own.retailer}/tickets?limit=2&cursor=${encodeURIComponent(page.nextCursor)}`;
      page = (await net.request('GET', more, { auth: retailer })).body as typeof page;
      pages.push(...page.tickets);
    }
    const stores = new Set(pages.map((t) => t.storeId));
    assert.deepEqual([...stores].sort(), [ids.own.store, 'store-sister']);
    assert.equal(new Set(pages.map((t) => `${t.storeId}/${t.ticketId}`)).size, pages.length);
    assert.ok(pages.some((t) => t.ticketId === 'ret-sister-1'));
    const sold = await net.request('GET', `/v1/stores/${ids.own.store}/tickets/${sale.ticketId}`, {
      auth: retailer,
    });
    assert.equal(sold.status, 200);
    const view = await net.request('GET', `/v1/stores/store-sister/tickets`, { auth: retailer });
    const returned = (view.body as { tickets: Array<{ originalStoreId: string | null }> })
      .tickets[0];
    assert.equal(returned?.originalStoreId, ids.own.store);
    const saleView = (
      (await net.request('GET', `/v1/stores/${ids.own.store}/tickets`, { auth: retailer }))
        .body as {
        tickets: Array<{ ticketId: string; lines: Array<{ returnedQuantity?: string }> }>;
      }
    ).tickets.find((t) => t.ticketId === sale.ticketId);
    assert.equal(saleView?.lines[0]?.returnedQuantity, '1');
    const totals = await net.request(
      'GET',
      `/v1/retailers/${ids.own.retailer}/sales?from=2026-11-24&to=2026-11-24`,
      { auth: retailer },
    );
    assert.equal(totals.status, 200, JSON.stringify(totals.body));
    const sister = (totals.body as { rows: Array<Record<string, unknown>> }).rows.find(
      (r) => r.storeId === 'store-sister',
    );
    // The return is reported where and when it was made: that store's day nets negative.
    assert.deepEqual(sister, {
      storeId: 'store-sister',
      day: '2026-11-24',
      currency: 'EUR',
      sales: 0,
      returns: 1,
      salesAmount: '0.00',
      returnsAmount: '10.00',
      netAmount: '-10.00',
    });
    for (const path of [
      `/v1/retailers/${ids.foreign.retailer}/sales?from=2026-11-24&to=2026-11-24`,
      `/v1/stores/${ids.foreign.store}/sales?from=2026-11-24&to=2026-11-24`,
      `/v1/retailers/${ids.foreign.retailer}/tickets`,
      `/v1/stores/${ids.foreign.store}/tickets`,
      `/v1/stores/store-new/tickets`,
    ]) {
      assert.equal((await net.request('GET', path, { auth: retailer })).status, 404, path);
    }
  });
});
