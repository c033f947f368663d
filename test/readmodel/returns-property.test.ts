/**
 * Property: whatever sales and partial returns tills send, across the
 * stores of one retailer and of two, no sale line is ever returned beyond
 * what it sold, in quantity or in money; no return takes back more points
 * than its sale earned; refused returns change nothing; and the read model's
 * per-line figures equal the ledger's after every step. Random sequences on
 * a real embedded ledger and a real read model file.
 */
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ContractCallError, ContractClient } from '../../src/client/contract-client';
import {
  refundCap,
  returnedFigures,
  returnLineFor,
  soldFigures,
  type ReturnableSale,
} from '../../src/contract';
import { fromMilli, toMilli, type Ticket, type TicketLine } from '../../src/format';
import { projectUpTo, ReadModel, TicketQueries, type TicketLineView } from '../../src/readmodel';
import { buildTicket, gtin13 } from '../../src/sim/ticket-factory';
import { embeddedEngine, tempDir, type OpenedEngine } from '../support/engines';
import { ids, OPERATOR_MSP, RETAILER_MSP } from '../support/identities';

/** Two stores of one retailer and one of another. */
const STORES = [
  { storeId: 'store-a1', retailerId: 'chain-a' },
  { storeId: 'store-a2', retailerId: 'chain-a' },
  { storeId: 'store-b1', retailerId: 'chain-b' },
] as const;
const CUSTOMERS = ['cust-p1', 'cust-p2'];

type Op =
  | {
      kind: 'sale';
      store: number;
      customer: number;
      lines: Array<{ item: number; milli: number; cents: number }>;
    }
  | { kind: 'return'; sale: number; store: number; picks: Array<{ line: number; milli: number }> };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('sale' as const),
    store: fc.nat(2),
    customer: fc.nat(2), // 2: no loyalty id
    lines: fc.array(
      fc.record({ item: fc.nat(3), milli: fc.integer({ min: 1, max: 5_000 }), cents: fc.integer({ min: 1, max: 5_000 }) }),
      { minLength: 1, maxLength: 3 },
    ),
  }),
  fc.record({
    kind: fc.constant('return' as const),
    sale: fc.nat(30),
    store: fc.nat(2),
    picks: fc.array(fc.record({ line: fc.nat(2), milli: fc.integer({ min: 1, max: 5_000 }) }), { minLength: 1, maxLength: 3 }),
  }),
); // prettier-ignore

interface SaleModel {
  readonly ticket: Ticket;
  readonly retailerId: string;
  readonly pointsAwarded: number;
  pointsReversed: number;
}

describe('returns: random sales and partial returns never take back more than was sold', () => {
  let engine: OpenedEngine;
  let eter: ContractClient;
  let readModel: ReadModel;
  let tickets: TicketQueries;
  const dir = tempDir();
  let seq = 0;

  before(async () => {
    engine = await embeddedEngine.open();
    eter = new ContractClient(engine.gateway);
    await eter.bootstrap(ids.operator, { operatorMspId: OPERATOR_MSP });
    for (const { storeId, retailerId } of STORES) {
      await eter.registerStore(ids.operator, {
        storeId,
        name: storeId,
        mspId: RETAILER_MSP,
        retailerId,
      });
    }
    for (const customerId of CUSTOMERS) await eter.registerCustomer(ids.operator, { customerId });
    readModel = ReadModel.open(join(dir.path, 'read.db'));
    tickets = new TicketQueries(readModel.db);
  });
  after(async () => {
    readModel.close();
    await engine.close();
    dir.cleanup();
  });

  it('holds after every step', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
        const sales: SaleModel[] = [];
        for (const step of ops) {
          if (step.kind === 'sale') await sell(step, sales);
          else await giveBack(step, sales);
          await checkInvariants(sales);
        }
      }),
      { numRuns: 25, seed: 20261206 },
    );
  });

  async function sell(step: Extract<Op, { kind: 'sale' }>, sales: SaleModel[]) {
    const store = STORES[step.store]!;
    const customerId = CUSTOMERS[step.customer];
    const ticket = buildTicket({
      ticketId: `P-${++seq}`,
      storeId: store.storeId,
      ...(customerId === undefined ? {} : { customerId }),
      lines: step.lines.map((l) => ({
        gtin: gtin13('400638', l.item + 1),
        quantity: fromMilli(BigInt(l.milli)),
        unitPrice: (l.cents / 100).toFixed(2),
      })),
    });
    const tx = await eter.recordTicket(ids.collector, ticket);
    sales.push({
      ticket,
      retailerId: store.retailerId,
      pointsAwarded: tx.value.pointsAwarded,
      pointsReversed: 0,
    });
  }

  async function giveBack(step: Extract<Op, { kind: 'return' }>, sales: SaleModel[]) {
    const sale = sales[step.sale % Math.max(sales.length, 1)];
    if (sale === undefined) return;
    const at = STORES[step.store]!;
    const before = await returnable(sale);
    const lines: TicketLine[] = [];
    const asked = new Map<number, bigint>();
    for (const pick of step.picks) {
      const line = sale.ticket.lines[pick.line % sale.ticket.lines.length]!;
      const seen = before.lines.find((l) => l.lineNo === line.lineNo)!;
      const returned = returnedFigures(
        { quantity: seen.returnedQuantity, amount: seen.returnedAmount },
        sale.ticket.currency,
      );
      // A second pick of one line in the same return counts what the first takes.
      const earlier = lines.filter((l) => l.originalLineNo === line.lineNo);
      const taken = earlier.reduce(
        (sum, l) => ({
          quantityMilli: sum.quantityMilli + toMilli(l.quantity),
          amountMinor: sum.amountMinor + soldFigures(l, sale.ticket.currency).amountMinor,
        }),
        returned,
      );
      const quantity = fromMilli(BigInt(pick.milli));
      lines.push({
        ...returnLineFor(sale.ticket, line, taken, quantity),
        lineNo: lines.length + 1,
      });
      asked.set(line.lineNo, (asked.get(line.lineNo) ?? 0n) + BigInt(pick.milli));
    }
    const ticket = buildTicket({
      ticketId: `P-${++seq}`,
      storeId: at.storeId,
      type: 'return',
      originalTicketId: sale.ticket.ticketId,
      ...(at.storeId === sale.ticket.storeId ? {} : { originalStoreId: sale.ticket.storeId }),
      lines: lines.map((l) => ({ ...l, originalLineNo: l.originalLineNo! })),
    });
    const fits = [...asked].every(([lineNo, milli]) => {
      const seen = before.lines.find((l) => l.lineNo === lineNo)!;
      return milli <= toMilli(seen.returnableQuantity);
    });
    const sameRetailer = at.retailerId === sale.retailerId;
    try {
      const tx = await eter.recordTicket(ids.collector, ticket);
      assert.ok(sameRetailer, 'a return crossed retailers');
      assert.ok(fits, 'a return took back more than was left');
      sale.pointsReversed += tx.value.pointsReversed;
    } catch (error) {
      assert.ok(error instanceof ContractCallError, String(error));
      const rule = error.failure.details[0]?.rule;
      assert.equal(rule, sameRetailer ? 'return-quantity' : 'original-recorded', error.message);
      assert.ok(!sameRetailer || !fits, `refused a return that fits: ${error.message}`);
      assert.deepEqual(await returnable(sale), before, 'a refused return changed the sale');
    }
  }

  async function checkInvariants(sales: SaleModel[]) {
    await projectUpTo(engine.gateway, readModel, await engine.gateway.height());
    for (const sale of sales) {
      assert.ok(sale.pointsReversed <= sale.pointsAwarded, 'more points taken back than earned');
      const ledger = await returnable(sale);
      const projected = tickets.one(sale.ticket.storeId, sale.ticket.ticketId);
      assert.ok(projected !== undefined, 'the sale is in the read model');
      for (const line of sale.ticket.lines) {
        const seen = ledger.lines.find((l) => l.lineNo === line.lineNo)!;
        const sold = soldFigures(line, sale.ticket.currency);
        const back = returnedFigures(
          { quantity: seen.returnedQuantity, amount: seen.returnedAmount },
          sale.ticket.currency,
        );
        assert.ok(back.quantityMilli <= sold.quantityMilli, 'returned more than sold');
        assert.ok(
          back.amountMinor <= refundCap(sold, back.quantityMilli),
          'refunded beyond the rule',
        );
        const row: TicketLineView = projected.lines.find((l) => l.lineNo === line.lineNo)!;
        assert.deepEqual(
          [row.returnedQuantity, row.returnedAmount],
          [seen.returnedQuantity, seen.returnedAmount],
          'read model and ledger disagree',
        );
      }
    }
  }

  function returnable(sale: SaleModel): Promise<ReturnableSale> {
    return eter.getReturnable(ids.collector, {
      storeId: sale.ticket.storeId,
      originalStoreId: sale.ticket.storeId,
      originalTicketId: sale.ticket.ticketId,
    });
  }
});
