/**
 * Proofs that show only the reader's share (issue 22 §1): the API's proof routes disclose the
 * parts of a transaction the access layer lets each reader see, and the rest only as salted
 * commitments, and every proof still checks offline.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  checkInclusionProof,
  parsePublicKey,
  type InclusionProofBundleV2,
} from '../../src/ledger/embedded';
import { KEY_OWNERS, mayDiscloseInProof } from '../../src/access';
import { KeyType } from '../../src/contract/keys';
import { buildTicket, gtin13 } from '../../src/sim/ticket-factory';
import { ids, startTestNetwork, type TestNetwork } from '../support/network';

const own = ids.own;
const foreign = ids.foreign;

/** Every key a proof discloses (reads, range starts and keys returned, writes). */
function disclosedKeys(proof: InclusionProofBundleV2): string[] {
  const d = proof.disclosed;
  return [
    ...(d.reads ?? []).map((r) => r.key),
    ...(d.ranges ?? []).flatMap((r) => [r.start, ...r.keys.map(([key]) => key)]),
    ...(d.writes ?? []).map((w) => w.key),
  ];
}

/** A composite key's type and first attribute. */
function keyOf(key: string): [type: string, owner: string] {
  const [, type = '', owner = ''] = key.split('\u0000');
  return [type, owner];
}

describe('the proof disclosure rule', () => {
  it("knows whose data every type of the contract's keys holds", () => {
    for (const type of Object.values(KeyType)) assert.ok(type in KEY_OWNERS, type);
  });

  it('shows a customer their own keys, a store its own, an auditor everything', () => {
    const lot = (owner: string) => ({ kind: 'write', keyType: 'lot', owner }) as const;
    const ticket = (owner: string) => ({ kind: 'write', keyType: 'ticket', owner }) as const;
    const cases: Array<[Parameters<typeof mayDiscloseInProof>[0], string, boolean[]]> = [
      [{ role: 'customer', customerId: 'c1' }, 'customer', [true, false, false, false]],
      [{ role: 'store', storeId: 's1' }, 'store', [false, false, true, false]],
      [{ role: 'retailer', storeId: 's1' }, 'retailer', [false, false, true, false]],
      [{ role: 'auditor' }, 'auditor', [true, true, true, true]],
      [{ role: 'manufacturer' }, 'manufacturer', [false, false, false, false]],
    ];
    for (const [reader, who, expected] of cases) {
      const parts = [lot('c1'), lot('c2'), ticket('s1'), ticket('s2')];
      const shown = parts.map((part) => mayDiscloseInProof(reader, 'tickets:RecordTicket', part));
      assert.deepEqual(shown, expected, who);
    }
    const args = { kind: 'args' } as const;
    assert.equal(mayDiscloseInProof({ role: 'store' }, 'points:TransferPoints', args), false);
    assert.equal(mayDiscloseInProof({ role: 'customer' }, 'points:TransferPoints', args), true);
    assert.equal(mayDiscloseInProof({ role: 'customer' }, 'participants:Bootstrap', args), false);
  });

  it("shows a store a ticket's arguments and result, not its event nor the grant it used", () => {
    const store = { role: 'store', storeId: 's1' } as const;
    const customer = { role: 'customer', customerId: 'c1' } as const;
    const grant = { kind: 'write', keyType: 'grant', owner: 'g1' } as const;
    const ticket = 'tickets:RecordTicket';
    assert.equal(mayDiscloseInProof(store, ticket, { kind: 'args' }), true);
    assert.equal(mayDiscloseInProof(store, ticket, { kind: 'result' }), true);
    assert.equal(mayDiscloseInProof(store, ticket, { kind: 'event' }), false);
    assert.equal(mayDiscloseInProof(store, ticket, grant), false);
    assert.equal(mayDiscloseInProof(customer, ticket, { kind: 'event' }), true);
    assert.equal(mayDiscloseInProof(customer, ticket, grant), true);
    // A redemption at a till names the till's redemption id everywhere: only the customer's keys.
    const redemption = 'points:RedeemPoints';
    assert.equal(mayDiscloseInProof(customer, redemption, { kind: 'args' }), false);
    assert.equal(mayDiscloseInProof(customer, redemption, grant), false);
    const movement = { kind: 'write', keyType: 'movement', owner: 'c1' } as const;
    assert.equal(mayDiscloseInProof(customer, redemption, movement), true);
  });
});

describe('proofs by reader', () => {
  let net: TestNetwork;
  let check: (proof: InclusionProofBundleV2) => ReturnType<typeof checkInclusionProof>;
  const get = async (path: string, auth: string) => {
    const res = await net.request('GET', path, { auth });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  };

  before(async () => {
    net = await startTestNetwork();
    const key = parsePublicKey(net.server.ledger.key.publicKeyPem());
    check = (proof) => checkInclusionProof(proof, key);
    // 500.00 EUR at the default 1 %: 500 points for the own customer, earned at the own store.
    const sale = buildTicket({
      ticketId: 'earn-1',
      storeId: own.store,
      customerId: own.customer,
      lines: [{ gtin: gtin13('400638', 9), quantity: '1', unitPrice: '500.00' }],
    });
    const res = await net.request('POST', '/v1/tickets', { auth: net.apiKey, body: sale });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    await net.settled();
  });
  after(async () => {
    await net.close();
  });

  it("shows the receiver of a transfer the transfer and their lot, not the sender's lots or where they were earned", async () => {
    const sent = await net.request('POST', `/v1/customers/${own.customer}/points/transfers`, {
      auth: net.token('customer'),
      body: { toCustomerId: foreign.customer, points: 10, transferId: 'gift-1' },
    });
    assert.equal(sent.status, 201, JSON.stringify(sent.body));
    await net.settled();
    const receiver = net.token('customer', 'foreign');
    const points = (await get(`/v1/customers/${foreign.customer}/points`, receiver)) as {
      movements: Array<{ kind: string; proof: string }>;
    };
    const received = points.movements.find((m) => m.kind === 'transfer-in');
    assert.ok(received !== undefined, JSON.stringify(points));
    const { proof } = (await get(received.proof, receiver)) as { proof: InclusionProofBundleV2 };
    assert.equal(proof.format, 'eter-inclusion-proof/v2');
    const checked = check(proof);
    assert.equal(checked.record.fn, 'TransferPoints');
    assert.ok(checked.parts.withheld.length > 0);

    const keys = disclosedKeys(proof).map(keyOf);
    assert.ok(keys.some(([type, owner]) => type === 'lot' && owner === foreign.customer));
    assert.deepEqual(
      keys.filter(([, owner]) => owner === own.customer),
      [],
      "the sender's keys",
    );
    const text = JSON.stringify(proof);
    assert.ok(!text.includes('earn-1'), 'where the sender earned the points');
    assert.ok(!text.includes(`lot\\u0000${own.customer}`), "the sender's lot keys");
    // The transfer itself (arguments, result, event) is the receiver's to see.
    assert.ok(checked.parts.disclosed.includes('args'));

    // The sender's proof of the same transaction shows the sender's own lots.
    const senderPoints = (await get(
      `/v1/customers/${own.customer}/points`,
      net.token('customer'),
    )) as { movements: Array<{ kind: string; proof: string }> };
    const given = senderPoints.movements.find((m) => m.kind === 'transfer-out')!;
    const senderProof = (
      (await get(given.proof, net.token('customer'))) as { proof: InclusionProofBundleV2 }
    ).proof;
    check(senderProof);
    const senderKeys = disclosedKeys(senderProof).map(keyOf);
    assert.ok(senderKeys.some(([type, owner]) => type === 'lot' && owner === own.customer));
    assert.ok(!senderKeys.some(([type, owner]) => type === 'lot' && owner === foreign.customer));
  });

  it("shows a store its ticket paid with points, not the customer's lots the grant consumed", async () => {
    const grant = await net.request('POST', `/v1/customers/${own.customer}/points/grants`, {
      auth: net.token('customer'),
      body: { storeId: own.store, points: 100 },
    });
    assert.equal(grant.status, 201, JSON.stringify(grant.body));
    const sale = buildTicket({
      ticketId: 'paid-with-points',
      storeId: own.store,
      customerId: own.customer,
      lines: [{ gtin: gtin13('400638', 3), quantity: '1', unitPrice: '10.00' }],
    });
    sale.payments = [
      {
        method: 'pointsRedeemed',
        amount: '1.00',
        grantCode: (grant.body as { code: string }).code,
      },
      { method: 'card', amount: '9.00' },
    ];
    const res = await net.request('POST', '/v1/tickets', { auth: net.apiKey, body: sale });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    await net.settled();

    const path = `/v1/stores/${own.store}/tickets/paid-with-points`;
    const asStore = (await get(path, net.token('store'))) as { proof: InclusionProofBundleV2 };
    const checked = check(asStore.proof);
    assert.equal(checked.record.fn, 'RecordTicket');
    const keys = disclosedKeys(asStore.proof).map(keyOf);
    assert.ok(keys.some(([type, owner]) => type === 'ticket' && owner === own.store));
    assert.deepEqual(
      keys.filter(([type]) => type === 'lot' || type === 'movement' || type === 'customer'),
      [],
      "the customer's lots, movements and record",
    );
    assert.ok(!JSON.stringify(asStore.proof).includes('earn-1'), 'where the lots were earned');
    assert.ok(checked.parts.withheld.some((part) => part.startsWith('writes/')));

    // The retailer sees what its store sees; the customer sees their own lots; an auditor all.
    const asRetailer = (await get(path, net.token('retailer'))) as {
      proof: InclusionProofBundleV2;
    };
    assert.deepEqual(check(asRetailer.proof).parts, checked.parts);
    const asCustomer = (await get(path, net.token('customer'))) as {
      proof: InclusionProofBundleV2;
    };
    check(asCustomer.proof);
    const customerKeys = disclosedKeys(asCustomer.proof).map(keyOf);
    assert.ok(customerKeys.some(([type, owner]) => type === 'lot' && owner === own.customer));
    const txId = checked.record.txId;
    const audited = (await get(
      `/v1/ledger/transactions/${txId}/proof`,
      net.token('auditor'),
    )) as InclusionProofBundleV2;
    assert.deepEqual(check(audited).parts.withheld, []);
  });
});
