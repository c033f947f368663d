/**
 * A manufacturer's drill-down to its sale lines over real HTTP, on a real
 * ledger and read model: its own lines only, filters, paging, and references
 * that say nothing about the basket a line was in.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Ticket } from '../../src/format';
import {
  LineReferences,
  projectUpTo,
  ReadModel,
  SaleLineQueries,
  type SaleLinePage,
} from '../../src/readmodel';
import { buildTicket, gtin13 } from '../../src/sim/ticket-factory';
import { tempDir } from '../support/engines';
import {
  ALBION_PREFIX,
  basket,
  FABER_PREFIX,
  ids,
  startTestNetwork,
  type TestNetwork,
} from '../support/network';

const PEN = gtin13(FABER_PREFIX, 1);
const INK = gtin13(FABER_PREFIX, 2);
const DAY = 'from=2026-11-25&to=2026-11-25';
const linesOf = (manufacturerId: string) => `/v1/manufacturers/${manufacturerId}/sales/lines`;

/** Two Faber lines and an Albion one, bought together. */
function twoPens(ticketId: string, storeId: string, issuedAt: string): Ticket {
  return buildTicket({
    ticketId,
    storeId,
    issuedAt,
    customerId: ids.own.customer,
    lines: [
      { gtin: PEN, quantity: '2', unitPrice: '1.99', description: 'Pen' },
      { gtin: gtin13(ALBION_PREFIX, 1), quantity: '1', unitPrice: '3.50', description: 'Tea' },
      { gtin: INK, quantity: '1', unitPrice: '4.25', description: 'Ink' },
    ],
  });
}

describe('a manufacturer’s sale lines', () => {
  let net: TestNetwork;
  let token: string;
  /** Everything the intake answered for the tickets posted here (ids, transactions). */
  const recorded: string[] = [];

  async function page(query: string): Promise<SaleLinePage & { manufacturerId: string }> {
    const res = await net.request('GET', `${linesOf(ids.own.manufacturer)}?${query}`, {
      auth: token,
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as SaleLinePage & { manufacturerId: string };
  }

  before(async () => {
    net = await startTestNetwork();
    token = net.token('manufacturer');
    const foreignKey = net.server.keys.create(ids.foreign.store, 'pos-02').apiKey;
    const posts: Array<[string, Ticket]> = [
      [net.apiKey, twoPens('t-lines-a', ids.own.store, '2026-11-25T09:10:00+01:00')],
      [foreignKey, basket('t-lines-c', ids.foreign.store, ids.foreign.customer)],
      [net.apiKey, basket('t-lines-b', ids.own.store, ids.own.customer)],
      [net.apiKey, twoPens('t-lines-d', ids.own.store, '2026-11-26T09:10:00+01:00')],
    ];
    posts[1]![1] = { ...posts[1]![1], issuedAt: '2026-11-25T09:40:00+01:00' };
    posts[2]![1] = { ...posts[2]![1], issuedAt: '2026-11-25T14:30:00+01:00' };
    for (const [key, ticket] of posts) {
      const res = await net.request('POST', '/v1/tickets', { auth: key, body: ticket });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const { ticketId, txId } = res.body as { ticketId: string; txId: string };
      recorded.push(ticketId, txId);
    }
    await net.settled();
  });
  after(async () => {
    await net.close();
  });

  it('serves its own products’ lines of the window, by issue time, and nothing of the basket', async () => {
    const res = await net.request('GET', `${linesOf(ids.own.manufacturer)}?${DAY}`, {
      auth: token,
    });
    assert.equal(res.status, 200);
    const body = res.body as SaleLinePage;
    assert.deepEqual(
      body.lines.map((l) => [l.storeId, l.issuedAt, l.gtin, l.quantity, l.amount]),
      [
        [ids.own.store, '2026-11-25T09:10:00+01:00', PEN, '2', '3.98'],
        [ids.own.store, '2026-11-25T09:10:00+01:00', INK, '1', '4.25'],
        [ids.foreign.store, '2026-11-25T09:40:00+01:00', PEN, '2', '3.98'],
        [ids.own.store, '2026-11-25T14:30:00+01:00', PEN, '2', '3.98'],
      ],
    );
    assert.equal(body.nextCursor, undefined);
    for (const line of body.lines) {
      assert.deepEqual(Object.keys(line).sort(), [
        'amount',
        'blockNumber',
        'currency',
        'description',
        'gtin',
        'issuedAt',
        'quantity',
        'reference',
        'storeId',
        'type',
      ]);
    }
    const text = JSON.stringify(res.body);
    for (const secret of [...recorded, ids.own.customer, ids.foreign.customer, 't-own-1'])
      assert.ok(!text.includes(secret), `the answer shows ${secret}`);
    for (const word of ['ticketId', 'txId', 'customerId', 'total', 'lineNo', '9.08'])
      assert.ok(!text.includes(word), `the answer shows ${word}`);
  });

  it('gives two lines of one ticket references that share nothing', async () => {
    const [pen, ink] = (await page(DAY)).lines;
    assert.notEqual(pen!.reference, ink!.reference);
    assert.match(pen!.reference, /^[A-Za-z0-9_-]{22}$/);
    // Unrelated 128-bit blocks differ in about half their bits.
    const a = Buffer.from(pen!.reference, 'base64url');
    const b = Buffer.from(ink!.reference, 'base64url');
    let differing = 0;
    for (let i = 0; i < a.length; i++) {
      for (let x = a[i]! ^ b[i]!; x !== 0; x &= x - 1) differing++;
    }
    assert.ok(differing > 24, `only ${differing} bits differ`);
  });

  it('keeps references across requests and pages', async () => {
    const all = (await page(DAY)).lines.map((l) => l.reference);
    assert.deepEqual(
      (await page(DAY)).lines.map((l) => l.reference),
      all,
    );
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const p = await page(`${DAY}&limit=1${cursor === undefined ? '' : `&cursor=${cursor}`}`);
      assert.equal(p.lines.length, 1);
      paged.push(p.lines[0]!.reference);
      cursor = p.nextCursor;
    } while (cursor !== undefined);
    assert.deepEqual(paged, all);
  });

  it('keeps references when the read model is built again from the ledger', async () => {
    const served = (await page('from=2026-11-24&to=2026-11-26')).lines;
    const dir = tempDir('eter-lines-');
    const rebuilt = ReadModel.open(join(dir.path, 'read.db'));
    try {
      await projectUpTo(net.server.ledger, rebuilt, await net.server.ledger.height());
      const queries = new SaleLineQueries(rebuilt.db, LineReferences.open(net.dataDir));
      const again = queries.lines({
        manufacturerId: ids.own.manufacturer,
        from: '2026-11-24',
        to: '2026-11-26',
        limit: 100,
      });
      assert.equal(served.length, 8);
      assert.deepEqual(again.lines, served);
    } finally {
      rebuilt.close();
      dir.cleanup();
    }
  });

  it('filters by store, product and local hour', async () => {
    const gtins = async (query: string) =>
      (await page(`${DAY}&${query}`)).lines.map((l) => `${l.storeId} ${l.gtin}`);
    assert.deepEqual(await gtins(`storeId=${ids.foreign.store}`), [`${ids.foreign.store} ${PEN}`]);
    assert.deepEqual(await gtins(`gtin=${INK}`), [`${ids.own.store} ${INK}`]);
    assert.deepEqual(await gtins('hour=14'), [`${ids.own.store} ${PEN}`]);
    assert.deepEqual(await gtins(`hour=9&storeId=${ids.own.store}`), [
      `${ids.own.store} ${PEN}`,
      `${ids.own.store} ${INK}`,
    ]);
    assert.deepEqual(await gtins(`gtin=${gtin13(ALBION_PREFIX, 1)}`), []);
    const nextDay = await page('from=2026-11-26&to=2026-11-26');
    assert.deepEqual(
      nextDay.lines.map((l) => l.gtin),
      [PEN, INK],
    );
  });

  it('shows another manufacturer only its own lines', async () => {
    await net.server.users.create({
      username: 'albion',
      password: 'correct horse battery',
      role: 'manufacturer',
      subjectId: ids.foreign.manufacturer,
    });
    const login = await net.request('POST', '/v1/auth/login', {
      body: { username: 'albion', password: 'correct horse battery' },
    });
    assert.equal(login.status, 200);
    const albion = (login.body as { token: string }).token;
    const res = await net.request('GET', `${linesOf(ids.foreign.manufacturer)}?${DAY}`, {
      auth: albion,
    });
    assert.equal(res.status, 200);
    const lines = (res.body as SaleLinePage).lines;
    assert.equal(lines.length, 3);
    assert.ok(lines.every((l) => l.gtin === gtin13(ALBION_PREFIX, 1)));
    const mine = new Set((await page(DAY)).lines.map((l) => l.reference));
    assert.ok(lines.every((l) => !mine.has(l.reference)));
  });

  it('refuses cursors it did not issue and windows it does not serve', async () => {
    const first = await page(`${DAY}&limit=1`);
    const [reference] = JSON.parse(Buffer.from(first.nextCursor!, 'base64url').toString()) as [
      string,
    ];
    const flipped = `${reference[0] === 'A' ? 'B' : 'A'}${reference.slice(1)}`;
    const forged = Buffer.from(JSON.stringify([flipped])).toString('base64url');
    for (const query of [
      `${DAY}&cursor=${forged}`,
      `${DAY}&cursor=bm90LWpzb24`,
      'from=2026-11-26&to=2026-11-25',
      'from=2026-10-01&to=2026-11-25',
    ]) {
      const res = await net.request('GET', `${linesOf(ids.own.manufacturer)}?${query}`, {
        auth: token,
      });
      assert.equal(res.status, 400, query);
    }
  });
});
