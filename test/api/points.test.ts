/**
 * The points economy over HTTP, as a customer's app and a store's till use
 * it: transfers, grants, redemptions (alone and on a ticket), the errors a
 * till shows, 100 concurrent spends of one balance, the live points stream,
 * and the audit afterwards.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { auditPointsOverGateway } from '../../src/audit';
import { localIdentities } from '../../src/node/local-node';
import { buildTicket, gtin13 } from '../../src/sim/ticket-factory';
import { ids, startTestNetwork, type TestNetwork } from '../support/network';
import { openSse } from '../support/sse';

const own = ids.own;
const foreign = ids.foreign;

interface Problem {
  status: number;
  errors?: Array<{ path: string; rule: string }>;
}

describe('points over HTTP', () => {
  let net: TestNetwork;
  let customer: { auth: string };
  let till: { auth: string };
  let seq = 0;
  const balance = async () =>
    (
      (await net.request('GET', `/v1/customers/${own.customer}/points`, customer)).body as {
        balance: number;
      }
    ).balance;
  const transfer = (body: unknown) =>
    net.request('POST', `/v1/customers/${own.customer}/points/transfers`, { ...customer, body });
  const createGrant = async (points: number, storeId: string = own.store) => {
    const res = await net.request('POST', `/v1/customers/${own.customer}/points/grants`, {
      ...customer,
      body: { storeId, points },
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body as { code: string; grantId: string; qrPayload: string; status: string };
  };
  const redeem = (body: unknown, storeId: string = own.store) =>
    net.request('POST', `/v1/stores/${storeId}/redemptions`, { ...till, body });
  const rule = (res: { body: unknown }) => (res.body as Problem).errors?.[0]?.rule;

  before(async () => {
    net = await startTestNetwork();
    customer = { auth: net.token('customer') };
    till = { auth: net.apiKey };
    // 1,000.00 EUR at the default 1 %: 1,000 points for the own customer.
    const sale = buildTicket({
      ticketId: 'big-sale',
      storeId: own.store,
      customerId: own.customer,
      lines: [{ gtin: gtin13('400638', 9), quantity: '1', unitPrice: '1000.00' }],
    });
    const res = await net.request('POST', '/v1/tickets', { ...till, body: sale });
    assert.equal(res.status, 201);
    await net.settled();
  });
  after(async () => {
    await net.close();
  });

  it('transfers points to another customer: 201 with the new balance, a retry 200', async () => {
    const start = await balance();
    const first = await transfer({
      toCustomerId: foreign.customer,
      points: 10,
      transferId: 'tr-1',
    });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal((first.body as { balance: number }).balance, start - 10);
    const again = await transfer({
      toCustomerId: foreign.customer,
      points: 10,
      transferId: 'tr-1',
    });
    assert.equal(again.status, 200);
    assert.equal(await balance(), start - 10);
  });

  const badTransfers: Array<[string, unknown, number, string, string]> = [
    ['no points', { toCustomerId: 'cust-0002' }, 400, '/points', 'required'],
    ['points as a string', { toCustomerId: 'cust-0002', points: '5' }, 400, '/points', 'type'],
    ['negative points', { toCustomerId: 'cust-0002', points: -5 }, 400, '/points', 'minimum'],
    ['an unknown field', { toCustomerId: 'cust-0002', points: 10, memo: 'hi' }, 400, '/memo', 'additionalProperties'],
    ['to oneself', { toCustomerId: 'cust-0001', points: 10 }, 422, '/toCustomerId', 'transfer-self'],
    ['to nobody', { toCustomerId: 'cust-9999', points: 10 }, 422, '/toCustomerId', 'customer-registered'],
    ['beyond the balance', { toCustomerId: 'cust-0002', points: 1_000_000 }, 422, '/points', 'insufficient-points'],
  ]; // prettier-ignore
  for (const [name, body, status, path, expectedRule] of badTransfers) {
    it(`refuses a transfer with ${name}: ${status} ${expectedRule}, nothing recorded`, async () => {
      const height = await net.server.ledger.height();
      const start = await balance();
      const res = await transfer(body);
      assert.equal(res.status, status, JSON.stringify(res.body));
      const error = (res.body as Problem).errors?.find((e) => e.path === path);
      assert.equal(error?.rule, expectedRule, JSON.stringify(res.body));
      assert.equal(await balance(), start);
      assert.equal(await net.server.ledger.height(), height, 'no block for a refusal');
    });
  }

  it('creates a grant with a code and QR payload, and a till redeems it once', async () => {
    const start = await balance();
    const grant = await createGrant(25);
    assert.match(grant.code, /^[A-Z2-7]{24}$/);
    assert.equal(grant.qrPayload, `eter:grant:v1:${grant.code}`);
    assert.equal(grant.status, 'active');
    const used = await redeem({ code: grant.code, redemptionId: 'rd-1' });
    assert.equal(used.status, 201, JSON.stringify(used.body));
    assert.equal((used.body as { pointsRedeemed: number }).pointsRedeemed, 25);
    const retry = await redeem({ code: grant.code, redemptionId: 'rd-1' });
    assert.equal(retry.status, 200, 'the same redemption again is a replay');
    const twice = await redeem({ code: grant.code, redemptionId: 'rd-2' });
    assert.equal(twice.status, 409);
    assert.equal(rule(twice), 'grant-used');
    await net.settled();
    assert.equal(await balance(), start - 25);
    const list = await net.request('GET', `/v1/customers/${own.customer}/points/grants`, customer);
    const shown = (list.body as { grants: Array<{ grantId: string; status: string }> }).grants;
    assert.equal(shown.find((g) => g.grantId === grant.grantId)?.status, 'used');
    assert.ok(!JSON.stringify(list.body).includes(grant.code), 'codes are shown once only');
  });

  it('gives a till the reason for every refusal', async () => {
    const cancelled = await createGrant(5);
    const cancel = await net.request(
      'DELETE',
      `/v1/customers/${own.customer}/points/grants/${cancelled.grantId}`,
      customer,
    );
    assert.equal(cancel.status, 200);
    assert.equal((cancel.body as { status: string }).status, 'cancelled');
    const cases: Array<[string, Promise<{ status: number; body: unknown }>, number, string]> = [
      ['cancelled', redeem({ code: cancelled.code, redemptionId: 'rd-c' }), 422, 'grant-cancelled'],
      ['unknown', redeem({ code: 'AAAAAAAAAAAAAAAAAAAAAAAA', redemptionId: 'rd-u' }), 422, 'grant-unknown'],
      ['more than granted', redeem({ code: (await createGrant(5)).code, redemptionId: 'rd-m', points: 6 }), 422, 'grant-points'],
    ]; // prettier-ignore
    for (const [name, response, status, expected] of cases) {
      const res = await response;
      assert.equal(res.status, status, `${name}: ${JSON.stringify(res.body)}`);
      assert.equal(rule(res), expected, name);
    }
    const otherStore = await redeem({ code: (await createGrant(5)).code, redemptionId: 'rd-o' }, foreign.store);
    assert.equal(otherStore.status, 403, 'a till redeems at its own store only');
    const tooMuch = await net.request('POST', `/v1/customers/${own.customer}/points/grants`, {
      ...customer,
      body: { storeId: own.store, points: 1_000_000 },
    });
    assert.equal(tooMuch.status, 422);
    assert.equal(rule(tooMuch), 'insufficient-points');
  }); // prettier-ignore

  it('takes a pointsRedeemed payment on a ticket, and refuses the whole ticket when the grant fails', async () => {
    const start = await balance();
    const grant = await createGrant(200);
    const sale = buildTicket({
      ticketId: `pts-${++seq}`,
      storeId: own.store,
      customerId: own.customer,
      lines: [{ gtin: gtin13('400638', 3), quantity: '1', unitPrice: '10.00' }],
    });
    sale.payments = [
      { method: 'pointsRedeemed', amount: '2.00', grantCode: grant.code },
      { method: 'card', amount: '8.00' },
    ];
    const res = await net.request('POST', '/v1/tickets', { ...till, body: sale });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal((res.body as { pointsRedeemed: number }).pointsRedeemed, 200);
    assert.equal((res.body as { pointsAwarded: number }).pointsAwarded, 8);
    const again = { ...sale, ticketId: `pts-${++seq}` };
    const refused = await net.request('POST', '/v1/tickets', { ...till, body: again });
    assert.equal(refused.status, 409);
    assert.deepEqual((refused.body as Problem).errors?.[0], {
      path: '/payments/0/grantCode',
      rule: 'grant-used',
      message: 'this grant has already been used',
    });
    await net.settled();
    assert.equal(await balance(), start - 200 + 8);
  });

  it('lets exactly the spends that fit succeed out of 100 concurrent ones, never below zero', async () => {
    await net.settled();
    const start = await balance();
    const each = Math.ceil(start / 60); // about 60 of the 100 fit
    const fit = Math.floor(start / each);
    assert.ok(fit > 0 && fit < 100, `balance ${start}`);
    const responses = await Promise.all(
      Array.from({ length: 100 }, () => transfer({ toCustomerId: foreign.customer, points: each })),
    );
    const statuses = responses.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 201).length, fit);
    const refused = responses.filter((r) => r.status !== 201);
    assert.ok(refused.every((r) => r.status === 422 && rule(r) === 'insufficient-points'));
    await net.settled();
    assert.equal(await balance(), start - fit * each);
    const report = await auditPointsOverGateway(net.server.client, localIdentities.auditor);
    assert.deepEqual(report.problems, []);
    assert.equal(report.figures.outstanding, report.figures.issued - report.figures.burned - report.figures.reversed);
  }); // prettier-ignore

  it('streams the customer’s own movements live, and nobody else’s', async () => {
    const headers = { authorization: `Bearer ${net.token('customer')}` };
    const stream = await openSse(`${net.url}/v1/stream/points`, headers);
    try {
      assert.equal(stream.status, 200);
      const sale = buildTicket({
        ticketId: `stream-${++seq}`,
        storeId: own.store,
        customerId: foreign.customer,
        lines: [{ gtin: gtin13('400638', 4), quantity: '1', unitPrice: '100.00' }],
      });
      await net.request('POST', '/v1/tickets', { ...till, body: sale }); // not ours
      await net.request('POST', `/v1/customers/${own.customer}/points/grants`, {
        ...customer,
        body: { storeId: own.store, points: 1 },
      }); // a grant moves nothing
      const mine = buildTicket({
        ticketId: `stream-${++seq}`,
        storeId: own.store,
        customerId: own.customer,
        lines: [{ gtin: gtin13('400638', 5), quantity: '1', unitPrice: '5.00' }],
      });
      await net.request('POST', '/v1/tickets', { ...till, body: mine });
      const event = await stream.next();
      assert.equal(event.event, 'points');
      const data = JSON.parse(event.data) as { kind: string; delta: number; ticketId: string };
      assert.deepEqual([data.kind, data.delta, data.ticketId], ['award', 5, mine.ticketId]);
    } finally {
      stream.close();
    }
  });
});
