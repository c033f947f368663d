/**
 * Issue 22 §1's acceptance scan: a network with several customers, stores, retailers and
 * manufacturers does every kind of proof-bearing transaction (tickets with and without a
 * loyalty id at stores of two retailers, a cross-store return, transfers, a grant paid with on
 * a ticket, a grant redeemed at a till, a cancelled grant, a consolidation). Then, for every
 * role's login, every proof that login can fetch through the API is collected (and the proof
 * routes it may not use are asserted refused), and each proof's disclosed content is scanned
 * for every identifier and amount of the fixture that the login cannot read through the API's
 * other routes. Every proof also checks offline with the verifier, a sample with
 * `eter check-proof`.
 *
 * The browser verifier is the same module: the web app bundles `src/ledger/verifier` as it is,
 * and test/web/auditor.test.ts runs that very chunk in Chromium on proofs of a real ledger; it
 * is not launched again here.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  checkConsistencyProof,
  checkElementProof,
  checkInclusionProof,
  checkSignedHead,
  type ConsistencyProofBundle,
  type ElementProofBundle,
  type InclusionProofBundleV2,
  type SignedHead,
} from '../../src/ledger/verifier';
import { returnLineFor } from '../../src/contract';
import type { Ticket } from '../../src/format';
import { localIdentities, LOCAL_RETAILER_MSP } from '../../src/node/local-node';
import { buildTicket, gtin13 } from '../../src/sim/ticket-factory';
import { tempDir } from '../support/engines';
import {
  ALBION_PREFIX,
  FABER_PREFIX,
  ids,
  startTestNetwork,
  type TestNetwork,
} from '../support/network';

const ETER = join(__dirname, '..', '..', '..', 'bin', 'eter.js');

const own = ids.own;
const foreign = ids.foreign;
/** A third customer and a second store of the own retailer, registered by this test. */
const third = { customer: 'cust-0003', store: 'store-003' } as const;
const PASSWORD = 'correct horse battery';

const FABER = (n: number) => gtin13(FABER_PREFIX, n);
const ALBION = (n: number) => gtin13(ALBION_PREFIX, n);

/**
 * Fixture amounts are distinctive (six or seven digits of cents, four or five digits of points)
 * so that finding one in a proof means it was disclosed, not that it happened to be there.
 */
const MIN_AMOUNT_DIGITS = 4;

/** Fields of the contract's records and events that hold an identifier or an amount. */
const ID_FIELDS = new Set([
  'customerId',
  'retailerId',
  'manufacturerId',
  'storeId',
  'ticketId',
  'transferId',
  'grantId',
  'fromCustomerId',
  'toCustomerId',
  'counterpartyId',
  'originalTicketId',
  'originalStoreId',
  'redemptionId',
]);
const AMOUNT_FIELDS = new Set([
  'total',
  'amount',
  'unitPrice',
  'points',
  'delta',
  'pointsAwarded',
  'pointsRedeemed',
  'pointsReversed',
  'pointsWrittenOff',
]);

/** What a proof was fetched as: its route, and the document. */
interface Collected {
  readonly route: string;
  readonly doc: unknown;
}

/** A login, what it read through the API's other routes, and every proof it could fetch. */
interface Reader {
  readonly name: string;
  readonly auth: string;
  /** All readable: an auditor reads every transaction, in full, through its proofs. */
  readonly readsAll?: boolean;
  readable: unknown[];
  proofs: Collected[];
}

/**
 * Every string and number in a document, with JSON inside strings parsed and base64 values
 * decoded, in the order found: what a reader of it can see, whatever the encoding.
 */
function atomsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    out.push(value);
    const trimmed = value.trimStart();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        atomsOf(JSON.parse(value), out);
      } catch {
        // Text that only looks like JSON: the string itself is enough.
      }
    }
  } else if (typeof value === 'number') {
    out.push(String(value));
  } else if (Array.isArray(value)) {
    for (const item of value) atomsOf(item, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'base64' && typeof item === 'string') {
        atomsOf(Buffer.from(item, 'base64').toString('utf8'), out);
      }
      atomsOf(item, out);
    }
  }
  return out;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether `secret` occurs in `text` as a whole value: not inside a longer id or number (so
 * `cust-0001` is not found in `cust-00012`, nor `4123` in `41.23` or `14123`). A minus sign
 * may precede it (a movement's negative delta).
 */
function occurs(text: string, secret: string): boolean {
  return new RegExp(`(?<![A-Za-z0-9_.])${escape(secret)}(?![A-Za-z0-9_]|\\.[0-9])`).test(text);
}

/** A composite key's type and attributes. */
function keyParts(key: string): string[] {
  return key.split('\u0000').filter((part) => part !== '');
}

/** The fixture's identifiers and amounts, from the fully disclosed proofs an auditor gets. */
function harvest(docs: readonly unknown[]): {
  ids: Set<string>;
  amounts: Set<string>;
  lots: Set<string>;
} {
  const found = { ids: new Set<string>(), amounts: new Set<string>(), lots: new Set<string>() };
  const walk = (value: unknown, field?: string): void => {
    if (typeof value === 'string') {
      if (field !== undefined && ID_FIELDS.has(field)) found.ids.add(value);
      if (field !== undefined && AMOUNT_FIELDS.has(field))
        found.amounts.add(value.replace(/^-/, ''));
      // A lot's key (not a range's bounds): its customer and the transaction that made it.
      const [, type, customerId, lotId, ...more] = value.split('\u0000');
      if (type === 'lot' && customerId && /^[0-9a-f]{64}$/.test(lotId ?? '') && more.join() === '')
        found.lots.add(value);
      const trimmed = value.trimStart();
      if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
        try {
          walk(JSON.parse(value));
        } catch {
          // not JSON
        }
      }
    } else if (typeof value === 'number') {
      if (field !== undefined && AMOUNT_FIELDS.has(field))
        found.amounts.add(String(Math.abs(value)));
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item, field);
    } else if (value !== null && typeof value === 'object') {
      // A lot's `amount` is what is left of it, a balance rather than an amount moved.
      const lot = 'lotId' in value;
      for (const [key, item] of Object.entries(value)) {
        if (lot && key === 'amount') continue;
        if (key === 'base64' && typeof item === 'string') {
          walk(Buffer.from(item, 'base64').toString('utf8'));
        } else if (key === 'keys' && Array.isArray(item)) {
          for (const entry of item) walk(entry);
        } else walk(item, key === 'text' || key === 'value' || key === 'key' ? field : key);
      }
    }
  };
  for (const doc of docs) walk(doc);
  for (const amount of found.amounts) {
    if (amount.replace(/\D/g, '').length < MIN_AMOUNT_DIGITS) found.amounts.delete(amount);
  }
  return found;
}

/**
 * What a reader computes from a ticket it reads, as the API documents: a `pointsRedeemed`
 * payment is one point per minor unit, and its grant's id is the SHA-256 of its `grantCode`.
 */
function derived(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) derived(item, out);
  else if (value !== null && typeof value === 'object') {
    const payment = value as { method?: unknown; amount?: unknown; grantCode?: unknown };
    if (payment.method === 'pointsRedeemed' && typeof payment.amount === 'string') {
      out.push(String(Math.round(Number(payment.amount) * 100)));
      if (typeof payment.grantCode === 'string') {
        out.push(createHash('sha256').update(payment.grantCode, 'utf8').digest('hex'));
      }
    }
    for (const item of Object.values(value)) derived(item, out);
  }
  return out;
}

/** A leak: a value the reader cannot read through the API, found in a proof it was given. */
interface Leak {
  readonly reader: string;
  readonly route: string;
  readonly value: string;
}

describe('every proof each role can fetch, scanned for what the role cannot read', () => {
  let net: TestNetwork;
  let publicKeyPem: string;
  /** The fixture's tickets are all of the ticket factory's day. */
  const window = 'from=2026-11-24&to=2026-11-24';
  const created: {
    grants: Record<string, string>;
    txIds: Record<string, string>;
    /** What each store's tills were answered: a store reads them, and its retailer. */
    receipts: Record<string, unknown[]>;
  } = { grants: {}, txIds: {}, receipts: {} };
  const readers = new Map<string, Reader>();
  let auditorDocs: unknown[] = [];
  let secrets: { ids: Set<string>; amounts: Set<string>; lots: Set<string> };

  const call = async (method: string, path: string, auth: string, body?: unknown) =>
    net.request(method, path, body === undefined ? { auth } : { auth, body });
  const ok = async (path: string, auth: string): Promise<unknown> => {
    const res = await call('GET', path, auth);
    assert.equal(res.status, 200, `GET ${path}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const refused = async (path: string, auth: string, status: number, who: string) => {
    const res = await call('GET', path, auth);
    assert.equal(res.status, status, `${who}: GET ${path} ${JSON.stringify(res.body)}`);
  };
  const post = async (path: string, auth: string, body: unknown, status = 201) => {
    const res = await call('POST', path, auth, body);
    assert.equal(res.status, status, `POST ${path}: ${JSON.stringify(res.body)}`);
    return res.body as Record<string, unknown>;
  };
  const login = async (username: string) => {
    const res = await net.request('POST', '/v1/auth/login', {
      body: { username, password: PASSWORD },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return (res.body as { token: string }).token;
  };

  /** Every page of a paged list, `field` its items. */
  const pages = async (path: string, auth: string, field: string) => {
    const all: unknown[] = [];
    const bodies: unknown[] = [];
    let cursor: string | undefined;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const url = cursor === undefined ? path : `${path}${sep}cursor=${encodeURIComponent(cursor)}`;
      const body = (await ok(url, auth)) as Record<string, unknown> & { nextCursor?: string };
      bodies.push(body);
      all.push(...((body[field] as unknown[] | undefined) ?? []));
      cursor = body.nextCursor;
    } while (cursor !== undefined);
    return { items: all, bodies };
  };

  /** A ticket's detail: the ticket as readable, its proof as collected. */
  const ticketDetail = async (reader: Reader, storeId: string, ticketId: string) => {
    const route = `/v1/stores/${storeId}/tickets/${ticketId}`;
    const { proof, ...rest } = (await ok(route, reader.auth)) as { proof?: unknown };
    assert.ok(proof !== undefined, `${reader.name}: ${route} has a proof`);
    reader.readable.push(rest);
    reader.proofs.push({ route, doc: proof });
  };

  const newReader = (name: string, auth: string, readsAll = false): Reader => {
    const reader: Reader = { name, auth, readsAll, readable: [], proofs: [] };
    readers.set(name, reader);
    return reader;
  };

  async function collectCustomer(name: string, customerId: string, auth: string): Promise<void> {
    const reader = newReader(name, auth);
    const tickets = await pages(`/v1/customers/${customerId}/tickets`, auth, 'tickets');
    reader.readable.push(...tickets.bodies);
    for (const t of tickets.items as Array<{ storeId: string; ticketId: string }>) {
      await ticketDetail(reader, t.storeId, t.ticketId);
    }
    const points = await pages(`/v1/customers/${customerId}/points`, auth, 'movements');
    reader.readable.push(...points.bodies);
    reader.readable.push(await ok(`/v1/customers/${customerId}/points/grants`, auth));
    for (const m of points.items as Array<{ proof: string }>) {
      const { proof, ...rest } = (await ok(m.proof, auth)) as { proof?: unknown };
      assert.ok(proof !== undefined, `${name}: ${m.proof} has a proof`);
      reader.readable.push(rest);
      reader.proofs.push({ route: m.proof, doc: proof });
    }
  }

  async function collectStore(name: string, storeId: string, auth: string): Promise<void> {
    const reader = newReader(name, auth);
    const tickets = await pages(`/v1/stores/${storeId}/tickets`, auth, 'tickets');
    reader.readable.push(...tickets.bodies, ...(created.receipts[storeId] ?? []));
    reader.readable.push(await ok(`/v1/stores/${storeId}/sales?${window}`, auth));
    for (const t of tickets.items as Array<{ ticketId: string }>) {
      await ticketDetail(reader, storeId, t.ticketId);
    }
  }

  async function collectRetailer(name: string, retailerId: string, auth: string): Promise<void> {
    const reader = newReader(name, auth);
    const tickets = await pages(`/v1/retailers/${retailerId}/tickets`, auth, 'tickets');
    reader.readable.push(...tickets.bodies);
    const stores = new Set((tickets.items as Array<{ storeId: string }>).map((t) => t.storeId));
    for (const storeId of stores) reader.readable.push(...(created.receipts[storeId] ?? []));
    reader.readable.push(await ok(`/v1/retailers/${retailerId}/sales?${window}`, auth));
    for (const t of tickets.items as Array<{ storeId: string; ticketId: string }>) {
      await ticketDetail(reader, t.storeId, t.ticketId);
    }
  }

  async function collectManufacturer(name: string, id: string, auth: string): Promise<void> {
    const reader = newReader(name, auth);
    reader.readable.push(await ok(`/v1/manufacturers/${id}/sales?${window}`, auth));
    const lines = await pages(`/v1/manufacturers/${id}/sales/lines?${window}`, auth, 'lines');
    reader.readable.push(...lines.bodies);
    // A line's proof: the line alone, from its ticket's record.
    for (const line of lines.items as Array<{ reference: string }>) {
      const route = `/v1/manufacturers/${id}/sales/lines/${line.reference}/proof`;
      reader.proofs.push({ route, doc: await ok(route, auth) });
    }
  }

  before(async () => {
    net = await startTestNetwork();
    publicKeyPem = net.server.ledger.key.publicKeyPem();
    const op = localIdentities.operator;
    const client = net.server.client;
    await client.registerCustomer(op, { customerId: third.customer });
    await client.registerStore(op, {
      storeId: third.store,
      name: 'Sister',
      mspId: LOCAL_RETAILER_MSP,
      retailerId: own.retailer,
    });
    for (const [username, role, subjectId] of [
      ['customer-third', 'customer', third.customer],
      ['store-sister', 'store', third.store],
    ] as const) {
      await net.server.users.create({ username, password: PASSWORD, role, subjectId });
    }
    const tills: Record<string, string> = {
      [own.store]: net.apiKey,
      [foreign.store]: net.server.keys.create(foreign.store, 'pos-01').apiKey,
      [third.store]: net.server.keys.create(third.store, 'pos-01').apiKey,
    };
    const record = async (ticket: Ticket) => {
      const body = await post('/v1/tickets', tills[ticket.storeId]!, ticket);
      created.txIds[ticket.ticketId] = body.txId as string;
      (created.receipts[ticket.storeId] ??= []).push(body);
      return body;
    };
    const customer = (id: string) =>
      id === own.customer
        ? net.token('customer')
        : id === foreign.customer
          ? net.token('customer', 'foreign')
          : undefined;
    const thirdAuth = await login('customer-third');
    const as = (id: string) => customer(id) ?? thirdAuth;

    // Sales: with a loyalty id at stores of both retailers, and one without.
    const s3 = buildTicket({
      ticketId: 'scan-s3',
      storeId: own.store,
      customerId: third.customer,
      lines: [{ gtin: ALBION(3), quantity: '1', unitPrice: '8265.37', description: 'Samovar' }],
    });
    await record(
      buildTicket({
        ticketId: 'scan-s1',
        storeId: own.store,
        customerId: own.customer,
        lines: [
          { gtin: FABER(1), quantity: '1', unitPrice: '3718.29', description: 'Fountain pen' },
          { gtin: ALBION(1), quantity: '1', unitPrice: '2906.47', description: 'Tea chest' },
        ],
      }),
    );
    await record(
      buildTicket({
        ticketId: 'scan-s2',
        storeId: foreign.store,
        customerId: foreign.customer,
        lines: [
          { gtin: FABER(2), quantity: '1', unitPrice: '4172.93', description: 'Drawing set' },
          { gtin: gtin13('21', 7), quantity: '1', unitPrice: '1538.61', description: 'Cheese' },
        ],
      }),
    );
    await record(s3);
    await record(
      buildTicket({
        ticketId: 'scan-s4',
        storeId: own.store,
        lines: [{ gtin: FABER(4), quantity: '1', unitPrice: '5093.81', description: 'Desk' }],
      }),
    );
    await record(
      buildTicket({
        ticketId: 'scan-s5',
        storeId: foreign.store,
        customerId: third.customer,
        lines: [{ gtin: ALBION(5), quantity: '1', unitPrice: '7340.26', description: 'Kettle' }],
      }),
    );
    await net.settled();

    const grant = async (customerId: string, storeId: string, points: number, name: string) => {
      const body = await post(`/v1/customers/${customerId}/points/grants`, as(customerId), {
        storeId,
        points,
      });
      created.grants[name] = body.grantId as string;
      created.txIds[name] = body.txId as string;
      return body as { code: string; grantId: string };
    };
    // A grant paid with on a ticket, for less than it allows.
    const onTicket = await grant(own.customer, own.store, 5077, 'grant-ticket');
    const paid = buildTicket({
      ticketId: 'scan-p1',
      storeId: own.store,
      customerId: own.customer,
      lines: [{ gtin: FABER(5), quantity: '1', unitPrice: '9184.36', description: 'Armchair' }],
    });
    paid.payments = [
      { method: 'pointsRedeemed', amount: '41.23', grantCode: onTicket.code },
      { method: 'card', amount: '9143.13' },
    ];
    await record(paid);
    // Transfers: own → foreign, third → foreign, foreign → third.
    const transfer = async (from: string, to: string, points: number, transferId: string) => {
      const body = await post(`/v1/customers/${from}/points/transfers`, as(from), {
        toCustomerId: to,
        points,
        transferId,
      });
      created.txIds[transferId] = body.txId as string;
    };
    await transfer(own.customer, foreign.customer, 3719, 'scan-tr-a');
    await transfer(third.customer, foreign.customer, 2861, 'scan-tr-b');
    await transfer(foreign.customer, third.customer, 1457, 'scan-tr-c');

    // A grant redeemed at a till without a ticket, for less than it allows.
    const atTill = await grant(foreign.customer, foreign.store, 2957, 'grant-till');
    const redeemed = await post(`/v1/stores/${foreign.store}/redemptions`, tills[foreign.store]!, {
      code: atTill.code,
      redemptionId: 'scan-rd-1',
      points: 2593,
    });
    created.txIds['scan-rd-1'] = redeemed.txId as string;
    (created.receipts[foreign.store] ??= []).push(redeemed);
    // A grant cancelled.
    const cancelled = await grant(own.customer, third.store, 1789, 'grant-cancelled');
    const cancel = await call(
      'DELETE',
      `/v1/customers/${own.customer}/points/grants/${cancelled.grantId}`,
      as(own.customer),
    );
    assert.equal(cancel.status, 200, JSON.stringify(cancel.body));
    // A return at the sister store of a sale at the own store (one retailer), whose customer
    // never shopped at the sister store.
    await record(
      buildTicket({
        ticketId: 'scan-r1',
        storeId: third.store,
        type: 'return',
        originalTicketId: s3.ticketId,
        originalStoreId: s3.storeId,
        lines: [
          {
            ...returnLineFor(s3, s3.lines[0]!, { quantityMilli: 0n, amountMinor: 0n }, '1'),
            originalLineNo: 1,
          },
        ],
      }),
    );
    // A consolidation of the foreign customer's lots.
    await post(
      `/v1/customers/${foreign.customer}/points/consolidations`,
      as(foreign.customer),
      undefined,
      200,
    );
    await net.settled();

    // What each login reads, and every proof it can fetch.
    await collectCustomer('customer (own)', own.customer, net.token('customer'));
    await collectCustomer('customer (foreign)', foreign.customer, net.token('customer', 'foreign'));
    await collectCustomer('customer (third)', third.customer, thirdAuth);
    await collectStore('store (own)', own.store, net.token('store'));
    await collectStore('store (foreign)', foreign.store, net.token('store', 'foreign'));
    await collectStore('store (sister)', third.store, await login('store-sister'));
    await collectRetailer('retailer (own)', own.retailer, net.token('retailer'));
    await collectRetailer('retailer (foreign)', foreign.retailer, net.token('retailer', 'foreign'));
    await collectManufacturer('manufacturer (own)', own.manufacturer, net.token('manufacturer'));
    await collectManufacturer(
      'manufacturer (foreign)',
      foreign.manufacturer,
      net.token('manufacturer', 'foreign'),
    );

    // The auditor: every transaction's proof, every ticket with its proof, heads, consistency.
    const auditor = newReader('auditor', net.token('auditor'), true);
    const blocks = (await ok('/v1/ledger/blocks?limit=100', auditor.auth)) as {
      height: number;
      blocks: Array<{ transactions: Array<{ txId: string }> }>;
    };
    assert.ok(blocks.blocks.length === blocks.height, 'every block in one page');
    for (const tx of blocks.blocks.flatMap((b) => b.transactions)) {
      const route = `/v1/ledger/transactions/${tx.txId}/proof`;
      auditor.proofs.push({ route, doc: await ok(route, auditor.auth) });
    }
    auditorDocs = auditor.proofs.map((p) => p.doc);
    for (const [storeId, ticketId] of [
      [own.store, 'scan-s1'],
      [foreign.store, 'scan-s2'],
      [own.store, 'scan-p1'],
      [third.store, 'scan-r1'],
    ] as const) {
      await ticketDetail(auditor, storeId, ticketId);
    }
    const head = (await ok('/v1/ledger/head', auditor.auth)) as { head: unknown };
    auditor.proofs.push({ route: '/v1/ledger/head', doc: head.head });
    const consistency = '/v1/ledger/consistency?from=1';
    auditor.proofs.push({ route: consistency, doc: await ok(consistency, auditor.auth) });

    // The operator: the signed head only.
    const operator = newReader('operator', net.token('operator'));
    const opHead = (await ok('/v1/ledger/head', operator.auth)) as { head: unknown };
    operator.proofs.push({ route: '/v1/ledger/head', doc: opHead.head });

    secrets = harvest(auditorDocs);
  });
  after(async () => {
    await net?.close();
  });

  it('has a fixture whose identifiers and amounts the scan can find', () => {
    for (const id of [
      own.customer,
      foreign.customer,
      third.customer,
      own.store,
      foreign.store,
      third.store,
      'scan-s1',
      'scan-s2',
      'scan-s3',
      'scan-s4',
      'scan-s5',
      'scan-p1',
      'scan-r1',
      'scan-tr-a',
      'scan-tr-b',
      'scan-tr-c',
      'scan-rd-1',
      ...Object.values(created.grants),
    ]) {
      assert.ok(secrets.ids.has(id), `identifier ${id}`);
    }
    for (const amount of [
      '3718.29',
      '6624.76',
      '8265.37',
      '5093.81',
      '9184.36',
      '41.23',
      '6624',
      '3719',
      '2861',
      '1457',
      '5077',
      '4123',
      '2957',
      '2593',
      '1789',
    ]) {
      assert.ok(secrets.amounts.has(amount), `amount ${amount}`);
    }
    assert.ok(secrets.lots.size >= 5, `lot keys: ${secrets.lots.size}`);
    // Every role has proofs to scan: a manufacturer, one a line of its products.
    for (const reader of readers.values()) assert.ok(reader.proofs.length > 0, reader.name);
  });

  /** What `reader` cannot read through the API: the secrets its readable responses do not hold. */
  function secretsOf(reader: Reader): string[] {
    if (reader.readsAll === true) return [];
    const readable = [...atomsOf(reader.readable), ...derived(reader.readable)].join('\n');
    const hidden = [...secrets.ids, ...secrets.amounts].filter((s) => !occurs(readable, s));
    // A lot key is the customer's and the transaction that made it: readable if both are.
    const lots = [...secrets.lots].filter(
      (key) =>
        !keyParts(key)
          .slice(1)
          .every((part) => occurs(readable, part)),
    );
    return [...hidden, ...lots];
  }

  function scan(reader: Reader, proofs: readonly Collected[] = reader.proofs): Leak[] {
    const hidden = secretsOf(reader);
    const leaks: Leak[] = [];
    for (const { route, doc } of proofs) {
      const text = atomsOf(doc).join('\n');
      for (const value of hidden) {
        if (value.startsWith('\u0000') ? text.includes(value) : occurs(text, value)) {
          leaks.push({ reader: reader.name, route, value: value.split('\u0000').join('␀') });
        }
      }
    }
    return leaks;
  }

  it('finds what a full proof shows: the scan is not vacuous', () => {
    // The auditor's proof of the third customer's transfer, scanned as the own customer: it
    // holds the transfer, its customers and points, none of which that customer can read.
    const customer = readers.get('customer (own)')!;
    const txId = created.txIds['scan-tr-b']!;
    const full = readers.get('auditor')!.proofs.filter((p) => p.route.includes(txId));
    const found = new Set(scan(customer, full).map((l) => l.value));
    for (const value of ['scan-tr-b', third.customer, '2861']) {
      assert.ok(found.has(value), `${value} in ${[...found].join(', ')}`);
    }
    assert.ok(
      [...found].some((value) => value.startsWith(`␀lot␀${third.customer}␀`)),
      'the sender’s lot keys',
    );
    // And a reader's own proofs hold what it may read: its own ticket, total and points.
    const text = atomsOf(customer.proofs.map((p) => p.doc)).join('\n');
    for (const value of ['scan-s1', '6624.76', '6624', 'scan-tr-a', '3719']) {
      assert.ok(occurs(text, value), value);
    }
    const store = atomsOf(readers.get('store (own)')!.proofs.map((p) => p.doc)).join('\n');
    for (const value of ['scan-s4', '5093.81', 'scan-s3']) assert.ok(occurs(store, value), value);
  });

  for (const name of [
    'customer (own)',
    'customer (foreign)',
    'customer (third)',
    'store (own)',
    'store (foreign)',
    'store (sister)',
    'retailer (own)',
    'retailer (foreign)',
    'manufacturer (own)',
    'manufacturer (foreign)',
    'auditor',
    'operator',
  ]) {
    it(`discloses to ${name} no identifier or amount it cannot read through the API`, () => {
      const reader = readers.get(name);
      assert.ok(reader !== undefined, name);
      const leaks = scan(reader);
      assert.deepEqual(
        leaks.map((l) => `${l.route}: ${l.value}`),
        [],
        `${name} is shown, in proofs, values it cannot read`,
      );
    });
  }

  it('refuses every proof route a role may not use', async () => {
    const movement = (customerId: string) => {
      const txId = created.txIds['scan-tr-a']!;
      return `/v1/customers/${customerId}/points/movements/${txId}/proof`;
    };
    const ledger = `/v1/ledger/transactions/${created.txIds['scan-s1']!}/proof`;
    const ownTicket = `/v1/stores/${own.store}/tickets/scan-s1`;
    const foreignTicket = `/v1/stores/${foreign.store}/tickets/scan-s2`;
    const sisterTicket = `/v1/stores/${third.store}/tickets/scan-r1`;
    const cases: Array<[string, string, number]> = [
      ['customer', ledger, 403],
      ['customer', foreignTicket, 404],
      ['customer', movement(foreign.customer), 404],
      ['customer', '/v1/ledger/head', 403],
      ['store', ledger, 403],
      ['store', foreignTicket, 404],
      ['store', sisterTicket, 404],
      ['store', movement(own.customer), 403],
      ['store', '/v1/ledger/head', 403],
      ['retailer', ledger, 403],
      ['retailer', foreignTicket, 404],
      ['retailer', movement(own.customer), 403],
      ['manufacturer', ownTicket, 403],
      ['manufacturer', ledger, 403],
      ['manufacturer', movement(own.customer), 403],
      ['manufacturer', '/v1/ledger/head', 403],
      ['auditor', movement(own.customer), 403],
      ['operator', ownTicket, 403],
      ['operator', ledger, 403],
      ['operator', movement(own.customer), 403],
      ['operator', '/v1/ledger/consistency?from=1', 403],
    ];
    for (const [role, path, status] of cases) {
      await refused(path, net.token(role as Parameters<TestNetwork['token']>[0]), status, role);
    }
    await refused(ownTicket, net.token('customer', 'foreign'), 404, 'foreign customer');
    await refused(ownTicket, net.token('store', 'foreign'), 404, 'foreign store');
    await refused(ownTicket, net.token('retailer', 'foreign'), 404, 'foreign retailer');
  });

  it('every proof collected checks with the verifier the web app bundles', () => {
    let checked = 0;
    for (const reader of readers.values()) {
      for (const { route, doc } of reader.proofs) {
        const format = (doc as { format?: string }).format;
        if (format === 'eter-inclusion-proof/v2') {
          const { parts } = checkInclusionProof(doc as InclusionProofBundleV2, publicKeyPem);
          if (reader.readsAll === true) {
            assert.deepEqual(parts.withheld, [], `${route}: an auditor sees every part`);
          } else {
            assert.ok(parts.withheld.length > 0, `${reader.name}, ${route}: a share, not all`);
          }
        } else if (format === 'eter-element-proof/v1') {
          const { elements, leaf } = checkElementProof(doc as ElementProofBundle, publicKeyPem);
          assert.equal(elements.length, 1, route);
          assert.equal(leaf.fn, 'RecordTicket', route);
          assert.ok((leaf.elements?.length ?? 0) >= 8, `${route}: decoys fill 8 slots at least`);
        } else if (format === 'eter-consistency-proof/v1') {
          checkConsistencyProof(doc as ConsistencyProofBundle, publicKeyPem);
        } else {
          assert.equal(format, 'eter-signed-head/v1', route);
          checkSignedHead(doc as SignedHead, publicKeyPem);
        }
        checked += 1;
      }
    }
    assert.ok(checked > 50, `${checked} proofs`);
  });

  it('a proof of each kind of reader checks with `eter check-proof`', () => {
    const dir = tempDir('eter-proof-scan-');
    try {
      const keyFile = join(dir.path, 'node.pem');
      writeFileSync(keyFile, publicKeyPem);
      const sample: Array<[string, string]> = [
        ['customer (foreign)', created.txIds['scan-tr-a']!],
        ['customer (own)', created.txIds['scan-p1']!],
        ['store (sister)', created.txIds['scan-r1']!],
        ['retailer (own)', created.txIds['scan-p1']!],
        ['auditor', created.txIds['grant-cancelled']!],
      ];
      const line = readers.get('manufacturer (own)')!.proofs[0]!;
      const lineFile = join(dir.path, 'line.json');
      writeFileSync(lineFile, JSON.stringify(line.doc));
      const lineRun = spawnSync(
        process.execPath,
        [ETER, 'check-proof', lineFile, '--pubkey', keyFile],
        { encoding: 'utf8', timeout: 120_000 },
      );
      assert.equal(lineRun.status, 0, `${line.route}: ${lineRun.stdout}${lineRun.stderr}`);
      assert.match(lineRun.stdout, /^element: \{.*"gtin"/m);
      for (const [name, txId] of sample) {
        const proof = readers.get(name)!.proofs.find((p) => {
          const doc = p.doc as { record?: string };
          return typeof doc.record === 'string' && doc.record.includes(txId);
        });
        assert.ok(proof !== undefined, `${name} has a proof of ${txId}`);
        const file = join(dir.path, 'proof.json');
        writeFileSync(file, JSON.stringify(proof.doc));
        const run = spawnSync(process.execPath, [ETER, 'check-proof', file, '--pubkey', keyFile], {
          encoding: 'utf8',
          timeout: 120_000,
        });
        assert.equal(run.status, 0, `${name} ${proof.route}: ${run.stdout}${run.stderr}`);
      }
    } finally {
      dir.cleanup();
    }
  });
});
