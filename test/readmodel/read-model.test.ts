/**
 * The read model fed by a real embedded ledger: projection, queries, exact
 * sums, the checkpoint, and a rebuild that gives the identical result.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ContractClient } from '../../src/client/contract-client';
import type { EmbeddedLedger } from '../../src/ledger/embedded';
import {
  bootstrapIfNew,
  localIdentities,
  LOCAL_RETAILER_MSP,
  openLocalLedger,
} from '../../src/node/local-node';
import {
  CursorError,
  FeedQueries,
  PointsQueries,
  Projector,
  READ_MODEL_VERSION,
  ReadModel,
  readModelDigest,
  rebuildReadModel,
  SalesQueries,
  TicketQueries,
} from '../../src/readmodel';
import { buildTicket, gtin13 } from '../../src/sim/ticket-factory';
import { tempDir } from '../support/engines';

const FABER = '400638';
const ALBION = '5000112';
const pen = gtin13(FABER, 1);
const ink = gtin13(FABER, 2);
const tea = gtin13(ALBION, 1);

describe('read model', () => {
  const dir = tempDir('eter-readmodel-');
  let ledger: EmbeddedLedger;
  let client: ContractClient;
  let readModel: ReadModel;
  let projector: Projector;

  before(async () => {
    ledger = openLocalLedger(dir.path, { timeoutMs: 2 });
    client = new ContractClient(ledger);
    await bootstrapIfNew(client);
    const op = localIdentities.operator;
    for (const storeId of ['store-001', 'store-002']) {
      await client.registerStore(op, { storeId, name: storeId, mspId: LOCAL_RETAILER_MSP });
    }
    await client.registerManufacturer(op, {
      manufacturerId: 'mfr-faber',
      name: 'Faber',
      prefixes: [FABER],
    });
    await client.registerManufacturer(op, {
      manufacturerId: 'mfr-albion',
      name: 'Albion',
      prefixes: [ALBION],
    });
    await client.registerCustomer(op, { customerId: 'cust-1' });
    readModel = ReadModel.open(join(dir.path, 'read.db'));
    projector = new Projector(ledger, readModel);
    projector.start();

    const record = (spec: Parameters<typeof buildTicket>[0]) =>
      client.recordTicket(localIdentities.collector, buildTicket(spec));
    // Two sales at store-001 on 24 Nov (local time +01:00), one at 23:30 local
    // which is already 25 Nov in UTC+02:00 at store-002, and a return.
    await record({
      ticketId: 't-1',
      storeId: 'store-001',
      issuedAt: '2026-11-24T10:15:00+01:00',
      customerId: 'cust-1',
      lines: [
        { gtin: pen, quantity: '2', unitPrice: '1.99' },
        { gtin: tea, quantity: '1', unitPrice: '3.50' },
        { gtin: gtin13('21', 7), quantity: '0.535', unitPrice: '2.99' },
      ],
    });
    await record({
      ticketId: 't-2',
      storeId: 'store-001',
      issuedAt: '2026-11-24T11:05:00+01:00',
      lines: [{ gtin: ink, quantity: '3', unitPrice: '0.10' }],
    });
    await record({
      ticketId: 't-3',
      storeId: 'store-002',
      issuedAt: '2026-11-25T00:30:00+02:00',
      customerId: 'cust-1',
      lines: [{ gtin: pen, quantity: '1', unitPrice: '1.99' }],
    });
    const last = await record({
      ticketId: 't-4',
      storeId: 'store-001',
      type: 'return',
      originalTicketId: 't-1',
      issuedAt: '2026-11-24T15:00:00+01:00',
      lines: [{ gtin: pen, quantity: '1', unitPrice: '1.99', originalLineNo: 1 }],
    });
    await projector.waitFor(last.blockNumber);
  });

  after(async () => {
    await projector.stop();
    readModel.close();
    await ledger.close();
    dir.cleanup();
  });

  it('lists a store’s tickets in time order with exact amounts and lines', () => {
    const page = new TicketQueries(readModel.db).ofStore('store-001', { limit: 10 });
    assert.deepEqual(
      page.tickets.map((t) => [t.ticketId, t.type, t.total]),
      [
        ['t-1', 'sale', '9.08'],
        ['t-2', 'sale', '0.30'],
        ['t-4', 'return', '1.99'],
      ],
    );
    const first = page.tickets[0]!;
    assert.equal(first.customerId, 'cust-1');
    assert.equal(first.pointsAwarded, 9);
    assert.deepEqual(
      first.lines.map((l) => [l.gtin, l.quantity, l.amount, l.manufacturerId]),
      [
        [pen, '2', '3.98', 'mfr-faber'],
        [tea, '1', '3.50', 'mfr-albion'],
        [gtin13('21', 7), '0.535', '1.60', null],
      ],
    );
    assert.equal(page.nextCursor, undefined);
  });

  it('pages with a stable cursor and filters by time window', () => {
    const queries = new TicketQueries(readModel.db);
    const one = queries.ofStore('store-001', { limit: 1 });
    assert.equal(one.tickets[0]?.ticketId, 't-1');
    const two = queries.ofStore('store-001', { limit: 1, cursor: one.nextCursor! });
    assert.equal(two.tickets[0]?.ticketId, 't-2');
    const three = queries.ofStore('store-001', { limit: 1, cursor: two.nextCursor! });
    assert.equal(three.tickets[0]?.ticketId, 't-4');
    assert.equal(three.nextCursor, undefined);
    const window = queries.ofStore('store-001', {
      from: '2026-11-24T10:00:00Z',
      to: '2026-11-24T14:00:01Z',
      limit: 10,
    });
    assert.deepEqual(
      window.tickets.map((t) => t.ticketId),
      ['t-2', 't-4'],
    );
    assert.throws(() => queries.ofStore('store-001', { limit: 1, cursor: 'bm9wZQ' }), CursorError);
    assert.deepEqual(queries.ofStore('store-999', { limit: 10 }).tickets, []);
  });

  it('serves a customer’s tickets across stores and points', () => {
    const tickets = new TicketQueries(readModel.db).ofCustomer('cust-1', { limit: 10 });
    assert.deepEqual(
      tickets.tickets.map((t) => t.ticketId),
      ['t-1', 't-3'],
    );
    const points = new PointsQueries(readModel.db);
    assert.deepEqual(points.summary('cust-1'), {
      customerId: 'cust-1',
      balance: 8,
      earned: 10,
      received: 0,
      given: 0,
      redeemed: 0,
      reversed: 2, // the return of one line of t-1
    });
    const movements = points.movements('cust-1', { limit: 1 });
    assert.equal(movements.movements[0]?.delta, 9);
    assert.equal(movements.movements[0]?.ticketId, 't-1');
    const rest = points.movements('cust-1', { limit: 1, cursor: movements.nextCursor! });
    assert.equal(rest.movements[0]?.delta, 1);
    assert.equal(points.summary('cust-404').balance, 0);
  });

  it('sums a manufacturer’s net sales by local day, store and product', () => {
    const sales = new SalesQueries(readModel.db);
    const byDay = sales.report({
      manufacturerId: 'mfr-faber',
      from: '2026-11-24',
      to: '2026-11-25',
      granularity: 'day',
      groupBy: [],
    });
    // 24th: pens 2 − 1 returned, ink 3; 25th (local, store-002): one pen.
    assert.deepEqual(byDay, [
      { period: '2026-11-24', currency: 'EUR', quantity: '4', amount: '2.29', lines: 3 },
      { period: '2026-11-25', currency: 'EUR', quantity: '1', amount: '1.99', lines: 1 },
    ]);
    const byStoreAndProduct = sales.report({
      manufacturerId: 'mfr-faber',
      from: '2026-11-24',
      to: '2026-11-24',
      granularity: 'hour',
      storeId: 'store-001',
      gtin: pen,
      groupBy: ['store', 'gtin'],
    });
    assert.deepEqual(byStoreAndProduct, [
      {
        period: '2026-11-24T10',
        storeId: 'store-001',
        gtin: pen,
        currency: 'EUR',
        quantity: '2',
        amount: '3.98',
        lines: 1,
      },
      {
        period: '2026-11-24T15',
        storeId: 'store-001',
        gtin: pen,
        currency: 'EUR',
        quantity: '-1',
        amount: '-1.99',
        lines: 1,
      },
    ]);
    assert.deepEqual(
      sales.report({
        manufacturerId: 'mfr-albion',
        from: '2026-11-25',
        to: '2026-11-30',
        granularity: 'day',
        groupBy: [],
      }),
      [],
    );
  });

  it('reports one store by product over several days, seeking each day', () => {
    const sales = new SalesQueries(readModel.db);
    const request = {
      manufacturerId: 'mfr-faber',
      from: '2026-11-23',
      to: '2026-11-25',
      granularity: 'day',
      storeId: 'store-001',
    } as const;
    assert.deepEqual(sales.report({ ...request, groupBy: ['gtin'] }), [
      { period: '2026-11-24', gtin: pen, currency: 'EUR', quantity: '1', amount: '1.99', lines: 2 },
      { period: '2026-11-24', gtin: ink, currency: 'EUR', quantity: '3', amount: '0.30', lines: 1 },
    ]);
    assert.deepEqual(sales.report({ ...request, groupBy: [] }), [
      { period: '2026-11-24', currency: 'EUR', quantity: '4', amount: '2.29', lines: 3 },
    ]);
  });

  it('keeps every sales aggregate equal to the sum of its lines', () => {
    for (const [table, period, width] of [
      ['sales_day', 'day', 10],
      ['sales_hour', 'hour', 13],
    ] as const) {
      const fromLines = readModel.db
        .prepare(
          `SELECT l.manufacturer_id, substr(t.issued_at, 1, ${width}) AS period, t.store_id,
             l.gtin, t.currency,
             SUM(CASE t.type WHEN 'return' THEN -l.quantity_milli ELSE l.quantity_milli END),
             SUM(CASE t.type WHEN 'return' THEN -l.amount_minor ELSE l.amount_minor END),
             COUNT(*)
           FROM line l JOIN ticket t ON t.seq = l.ticket_seq
           WHERE l.manufacturer_id IS NOT NULL
           GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
        )
        .raw(true)
        .all();
      const aggregated = readModel.db
        .prepare(
          `SELECT manufacturer_id, ${period}, store_id, gtin, currency, quantity_milli,
             amount_minor, lines
           FROM ${table} ORDER BY 1, 2, 3, 4, 5`,
        )
        .raw(true)
        .all();
      assert.ok(aggregated.length > 0);
      assert.deepEqual(aggregated, fromLines, table);
    }
  });

  it('feeds a manufacturer only its own lines, without customer or total', () => {
    const feed = new FeedQueries(readModel.db);
    const lines = feed.manufacturerLines('mfr-albion', 0, feed.head());
    assert.equal(lines.length, 1);
    assert.equal(lines[0]?.gtin, tea);
    assert.equal('customerId' in lines[0]!, false);
    assert.equal('total' in lines[0]!, false);
    const after = feed.manufacturerLines('mfr-albion', lines[0]!.seq, feed.head());
    assert.deepEqual(after, []);
    assert.deepEqual(
      feed.storeTickets('store-002', 0, feed.head()).map((t) => t.ticketId),
      ['t-3'],
    );
  });

  it('rebuilds from the ledger to the identical read model', async () => {
    const live = readModelDigest(readModel.db);
    const rebuiltDir = tempDir('eter-rebuild-');
    const rebuilt = ReadModel.open(join(rebuiltDir.path, 'read.db'));
    try {
      const { blocks } = await rebuildReadModel(ledger, rebuilt);
      assert.equal(blocks, await ledger.height());
      assert.deepEqual(readModelDigest(rebuilt.db), live);
      // Rebuilding in place gives the same again.
      await rebuildReadModel(ledger, rebuilt);
      assert.deepEqual(readModelDigest(rebuilt.db), live);
      assert.ok(live.rows > 10);
    } finally {
      rebuilt.close();
      rebuiltDir.cleanup();
    }
  });

  it('projects on a thread of its own to the identical read model', async () => {
    const live = readModelDigest(readModel.db);
    const threadedDir = tempDir('eter-threaded-');
    const threaded = ReadModel.open(join(threadedDir.path, 'read.db'));
    const onThread = new Projector(ledger, threaded, { thread: true });
    try {
      const seen: number[] = [];
      onThread.on('block', (block) => seen.push(block.blockNumber));
      onThread.start();
      await onThread.waitFor((await ledger.height()) - 1);
      assert.deepEqual(readModelDigest(threaded.db), live);
      assert.deepEqual(
        seen,
        Array.from({ length: await ledger.height() }, (_, i) => i),
      );
    } finally {
      await onThread.stop();
      threaded.close();
      threadedDir.cleanup();
    }
  });

  it('refuses a block that is not the next one', () => {
    const next = readModel.checkpoint() + 1;
    assert.throws(() => readModel.apply({ number: next + 1, transactions: [] }), /expects block/);
    assert.throws(() => readModel.apply({ number: next - 1, transactions: [] }), /expects block/);
    assert.throws(
      () =>
        readModel.applyAll([
          { number: next, transactions: [] },
          { number: next + 2, transactions: [] },
        ]),
      /expects block/,
    );
    assert.equal(readModel.checkpoint(), next - 1);
  });
});

describe('read model versions', () => {
  it('drops the rows of a read model of another version, and the projector starts over', () => {
    const dir = tempDir('eter-readmodel-version-');
    const file = join(dir.path, 'read.db');
    try {
      const old = ReadModel.open(file);
      old.applyAll([
        { number: 0, transactions: [] },
        { number: 1, transactions: [] },
      ]);
      old.db.prepare(`UPDATE meta SET value = '2' WHERE key = 'version'`).run();
      old.close();
      const reopened = ReadModel.open(file);
      try {
        assert.equal(reopened.checkpoint(), -1);
        const version = reopened.db.prepare(`SELECT value FROM meta WHERE key = 'version'`).get();
        assert.deepEqual(version, { value: String(READ_MODEL_VERSION) });
        // The aggregates are keyed by period before store.
        const key = (
          reopened.db.prepare(`PRAGMA table_info(sales_day)`).all() as Array<{
            name: string;
            pk: number;
          }>
        )
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => c.name);
        assert.deepEqual(key, ['manufacturer_id', 'day', 'store_id', 'gtin', 'currency']);
      } finally {
        reopened.close();
      }
    } finally {
      dir.cleanup();
    }
  });
});
