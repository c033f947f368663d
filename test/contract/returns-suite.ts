/**
 * Returns that match their sale, through the ledger gateway, so that the
 * same cases run on the embedded ledger and on Fabric (called from the
 * contract suite, after it has registered the manufacturers).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { ContractClient } from '../../src/client/contract-client';
import { returnedFigures, returnLineFor, type ReturnableSale } from '../../src/contract';
import type { Ticket, TicketLine } from '../../src/format';
import type { Identity } from '../../src/ledger/gateway';
import { buildTicket, type LineSpec } from '../../src/sim/ticket-factory';
import { failureOf, rejects } from '../support/contract-rejects';
import { ids, OTHER_RETAILER_MSP, RETAILER_MSP } from '../support/identities';

/** The GTINs of the reproduction in the issue: a Faber pen, and a product never sold here. */
const PEN = '4006381333931';
const SODA = '5449000000996';
const CUSTOMER = 'cust-ret-1';
const OTHER_CUSTOMER = 'cust-ret-2';
const NOTHING = { quantityMilli: 0n, amountMinor: 0n };

export function returnsSuite(client: () => ContractClient): void {
  describe('returns that match their sale', () => {
    let eter: ContractClient;
    let seq = 0;
    const nextId = () => `R-${String(++seq).padStart(6, '0')}`;

    const sale = (lines: LineSpec[], storeId = 'store-ra') =>
      buildTicket({ ticketId: nextId(), storeId, customerId: CUSTOMER, lines });

    /** A return at `storeId` of `lines` (sale line numbers and quantities), priced by the rule. */
    const returnOf = (
      original: Ticket,
      lines: ReadonlyArray<{ lineNo: number; quantity: string }>,
      storeId = original.storeId,
    ): Ticket => {
      const built: TicketLine[] = lines.map(({ lineNo, quantity }, i) => {
        const line = original.lines.find((l) => l.lineNo === lineNo)!;
        return { ...returnLineFor(original, line, NOTHING, quantity), lineNo: i + 1 };
      });
      return returnTicket(original, built, storeId);
    };

    const returnable = (original: Ticket, as: Identity = ids.collector, at = original.storeId) =>
      eter.getReturnable(as, {
        storeId: at,
        originalStoreId: original.storeId,
        originalTicketId: original.ticketId,
      });

    const line = (sale: ReturnableSale, lineNo: number) =>
      sale.lines.find((l) => l.lineNo === lineNo)!;

    before(async () => {
      eter = client();
      for (const [storeId, retailerId, mspId] of [
        ['store-ra', 'chain-r', RETAILER_MSP],
        ['store-rb', 'chain-r', RETAILER_MSP],
        ['store-lone', undefined, RETAILER_MSP],
        ['store-rx', 'chain-x', OTHER_RETAILER_MSP],
      ] as const) {
        await eter.registerStore(ids.operator, {
          storeId,
          name: storeId,
          mspId,
          ...(retailerId === undefined ? {} : { retailerId }),
        });
      }
      for (const customerId of [CUSTOMER, OTHER_CUSTOMER]) {
        await eter.registerCustomer(ids.operator, { customerId });
      }
    });

    it('registers a store under its retailer, or a retailer of its own by default', async () => {
      const chained = await eter.getParticipant(ids.operator, { kind: 'store', id: 'store-ra' });
      assert.equal((chained as { retailerId?: string }).retailerId, 'chain-r');
      const lone = await eter.getParticipant(ids.operator, { kind: 'store', id: 'store-lone' });
      assert.equal((lone as { retailerId?: string }).retailerId, 'store-lone');
    });

    it('refuses other goods than the sale’s, then a second return of a line fully returned (reproduction)', async () => {
      const pen = sale([{ gtin: PEN, quantity: '1', unitPrice: '10.00' }]);
      assert.equal((await eter.recordTicket(ids.collector, pen)).value.pointsAwarded, 10);
      const start = await balance();
      const soda = returnTicket(pen, [
        returnLine({ gtin: SODA, quantity: '5', unitPrice: '50.00' }, 1),
      ]);
      await rejects(
        eter.recordTicket(ids.collector, soda),
        'INVALID_ARGUMENT',
        '/lines/0/gtin',
        'return-gtin',
      );
      await notRecorded(soda);
      assert.equal(await balance(), start, 'no points reversed');

      const back = await eter.recordTicket(
        ids.collector,
        returnOf(pen, [{ lineNo: 1, quantity: '1' }]),
      );
      assert.equal(back.value.pointsReversed, 10);
      const again = returnOf(pen, [{ lineNo: 1, quantity: '1' }]);
      const inDollars = { ...again, currency: 'USD' };
      await rejects(
        eter.recordTicket(ids.collector, inDollars),
        'INVALID_ARGUMENT',
        '/currency',
        'return-currency',
      );
      await rejects(
        eter.recordTicket(ids.collector, again),
        'INVALID_ARGUMENT',
        '/lines/0/quantity',
        'return-quantity',
      );
      await notRecorded(again);
      assert.equal(await balance(), start - 10);
    });

    it('answers a return of another retailer’s sale exactly as one of a sale that does not exist (reproduction)', async () => {
      const pen = sale([{ gtin: PEN, quantity: '1', unitPrice: '10.00' }]);
      await eter.recordTicket(ids.collector, pen);
      const failures = [];
      for (const [as, storeId, originalTicketId, originalLineNo] of [
        [ids.loneStore, 'store-lone', pen.ticketId, 1],
        [ids.loneStore, 'store-lone', pen.ticketId, 9999],
        [ids.loneStore, 'store-lone', 'R-NO-SUCH-SALE', 1],
        [ids.otherCollector, 'store-rx', pen.ticketId, 1],
        [ids.otherCollector, 'store-rx', pen.ticketId, 9999],
      ] as const) {
        const foreign: Ticket = {
          ...returnOf(pen, [{ lineNo: 1, quantity: '1' }], storeId),
          originalTicketId,
          originalStoreId: 'store-ra',
        };
        foreign.lines[0]!.originalLineNo = originalLineNo;
        failures.push(await failureOf(eter.recordTicket(as, foreign)));
      }
      for (const failure of failures) {
        assert.equal(failure.code, 'FAILED_PRECONDITION');
        assert.deepEqual(failure.details, failures[0]!.details);
        assert.equal(failure.details[0]?.rule, 'original-recorded');
      }
      const lookups = [
        await failureOf(returnable(pen, ids.loneStore, 'store-lone')),
        await failureOf(
          eter.getReturnable(ids.loneStore, {
            storeId: 'store-lone',
            originalStoreId: 'store-ra',
            originalTicketId: 'R-NO-SUCH-SALE',
          }),
        ),
        await failureOf(returnable(pen, ids.otherCollector, 'store-rx')),
      ];
      for (const failure of lookups) assert.deepEqual(failure.code, 'NOT_FOUND');
      assert.equal((await returnable(pen)).lines[0]?.returnedQuantity, '0');
    });

    it('takes goods back at another store of the same retailer, with the sale’s points', async () => {
      const pen = sale([{ gtin: PEN, quantity: '2', unitPrice: '10.00' }]);
      await eter.recordTicket(ids.collector, pen);
      const start = await balance();
      const elsewhere = returnOf(pen, [{ lineNo: 1, quantity: '1' }], 'store-rb');
      assert.equal(elsewhere.originalStoreId, 'store-ra');
      const tx = await eter.recordTicket(ids.collector, elsewhere);
      assert.equal(tx.value.pointsReversed, 10);
      assert.equal(await balance(), start - 10);
      const seen = await returnable(pen, ids.collector, 'store-rb');
      assert.deepEqual(
        [
          line(seen, 1).returnedQuantity,
          line(seen, 1).returnableQuantity,
          line(seen, 1).returnableAmount,
        ],
        ['1', '1', '10.00'],
      );
    });

    it('refunds in proportion on the running totals: partial returns add up to exactly the sale (worked example)', async () => {
      // 3 × 3.335 = 10.005, which rounds half-even to 10.00 for the line.
      const pens = sale([{ gtin: PEN, quantity: '3', unitPrice: '3.335' }]);
      await eter.recordTicket(ids.collector, pens);
      const one = returnTicket(pens, [
        returnLine({ gtin: PEN, quantity: '1', unitPrice: '3.335' }, 1), // 3.335 → 3.34
      ]);
      await rejects(
        eter.recordTicket(ids.collector, one),
        'INVALID_ARGUMENT',
        '/lines/0/amount',
        'return-amount',
      );
      const refunds: string[] = [];
      for (let i = 0; i < 3; i++) {
        const seen = await returnable(pens);
        const made = returnLineFor(pens, pens.lines[0]!, figuresOf(pens, seen), '1');
        refunds.push(made.amount);
        await eter.recordTicket(ids.collector, returnTicket(pens, [made]));
      }
      // 10.00 × 1/3 = 3.33; 10.00 × 2/3 = 6.67, less 3.33; 10.00 × 3/3, less 6.67.
      assert.deepEqual(refunds, ['3.33', '3.34', '3.33']);
      const after = line(await returnable(pens), 1);
      assert.deepEqual(
        [
          after.returnedQuantity,
          after.returnedAmount,
          after.returnableQuantity,
          after.returnableAmount,
        ],
        ['3', '10.00', '0', '0.00'],
      );
    });

    describe('a table of bad returns, one per rule, each recording nothing', () => {
      let original: Ticket;
      let aReturn: Ticket;
      before(async () => {
        original = sale([
          { gtin: PEN, quantity: '3', unitPrice: '3.33' },
          { gtin: SODA, quantity: '1', unitPrice: '10.00' },
        ]);
        await eter.recordTicket(ids.collector, original);
        aReturn = returnOf(original, [{ lineNo: 2, quantity: '1' }]);
        await eter.recordTicket(ids.collector, aReturn);
      });

      const good = () => returnOf(original, [{ lineNo: 1, quantity: '1' }]);
      const cases: Array<[string, () => Ticket, string, string, string]> = [
        ['a sale not on the ledger', () => ({ ...good(), originalTicketId: 'R-NOPE' }), 'FAILED_PRECONDITION', '/originalTicketId', 'original-recorded'],
        ['a return for a sale', () => returnTicket(aReturn, [returnLine({ gtin: SODA, quantity: '1', unitPrice: '10.00' }, 1)]), 'INVALID_ARGUMENT', '/originalTicketId', 'return-original'],
        ['another currency', () => ({ ...good(), currency: 'USD' }), 'INVALID_ARGUMENT', '/currency', 'return-currency'],
        ['another customer', () => ({ ...good(), customerId: OTHER_CUSTOMER }), 'INVALID_ARGUMENT', '/customerId', 'return-customer'],
        ['a line the sale does not have', () => withLine(good(), { originalLineNo: 9 }), 'INVALID_ARGUMENT', '/lines/0/originalLineNo', 'original-line'],
        ['another GTIN', () => withLine(good(), { gtin: SODA }), 'INVALID_ARGUMENT', '/lines/0/gtin', 'return-gtin'],
        ['another unit', () => withLine(good(), { unit: 'kg' }), 'INVALID_ARGUMENT', '/lines/0/unit', 'return-unit'],
        ['more than was sold', () => returnOf(original, [{ lineNo: 1, quantity: '4' }]), 'INVALID_ARGUMENT', '/lines/0/quantity', 'return-quantity'],
        ['more than was sold, over two lines of one return', () => returnOf(original, [{ lineNo: 1, quantity: '2' }, { lineNo: 1, quantity: '2' }]), 'INVALID_ARGUMENT', '/lines/1/quantity', 'return-quantity'],
        ['more than is left after an earlier return', () => returnOf(original, [{ lineNo: 2, quantity: '1' }]), 'INVALID_ARGUMENT', '/lines/0/quantity', 'return-quantity'],
        ['more money than the share of the line', () => returnTicket(original, [returnLine({ gtin: PEN, quantity: '1', unitPrice: '3.34' }, 1)]), 'INVALID_ARGUMENT', '/lines/0/amount', 'return-amount'],
      ]; // prettier-ignore
      for (const [name, build, code, path, rule] of cases) {
        it(`refuses ${name}: ${rule} at ${path}`, async () => {
          const ticket = build();
          await rejects(eter.recordTicket(ids.collector, ticket), code, path, rule);
          await notRecorded(ticket);
        });
      }

      it('left the sale as it was', async () => {
        const seen = await returnable(original);
        assert.equal(line(seen, 1).returnedQuantity, '0');
        assert.equal(line(seen, 2).returnedQuantity, '1');
        await eter.recordTicket(ids.collector, good());
      });
    });

    it('lets one of two concurrent returns of the last unit through', async () => {
      const pen = sale([{ gtin: PEN, quantity: '1', unitPrice: '4.00' }]);
      await eter.recordTicket(ids.collector, pen);
      const outcomes = await Promise.allSettled([
        eter.recordTicket(ids.collector, returnOf(pen, [{ lineNo: 1, quantity: '1' }])),
        eter.recordTicket(ids.collector, returnOf(pen, [{ lineNo: 1, quantity: '1' }])),
      ]);
      assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1);
      assert.equal(line(await returnable(pen), 1).returnableQuantity, '0');
    });

    async function balance(): Promise<number> {
      return (await eter.getBalance(ids.query, CUSTOMER)).balance;
    }

    async function notRecorded(ticket: Ticket): Promise<void> {
      await rejects(
        eter.getTicket(ids.collector, { storeId: ticket.storeId, ticketId: ticket.ticketId }),
        'NOT_FOUND',
      );
    }
  });
}

/** A return of `original` with exactly `lines`, at `storeId`, for the sale's customer. */
function returnTicket(original: Ticket, lines: TicketLine[], storeId = original.storeId): Ticket {
  const built = buildTicket({
    ticketId: `${original.ticketId}-B${Math.random().toString(36).slice(2, 8)}`,
    storeId,
    type: 'return',
    currency: original.currency,
    originalTicketId: original.ticketId,
    ...(storeId === original.storeId ? {} : { originalStoreId: original.storeId }),
    ...(original.customerId === undefined ? {} : { customerId: original.customerId }),
    lines: lines.map((l) => ({
      gtin: l.gtin,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      discount: l.discount,
      description: l.description,
      originalLineNo: l.originalLineNo ?? 1,
    })),
  });
  built.lines.forEach((l, i) => {
    const unit = lines[i]?.unit;
    if (unit !== undefined) l.unit = unit;
  });
  return built;
}

/** A return line built from a spec, taking back `originalLineNo`, at its natural amount. */
function returnLine(spec: LineSpec, originalLineNo: number): TicketLine {
  return buildTicket({ ticketId: 'x', storeId: 'x', lines: [{ ...spec, originalLineNo }] })
    .lines[0]!;
}

/** The return with its first line changed (amounts stay as built: only the changed rule fails). */
function withLine(ticket: Ticket, change: Partial<TicketLine>): Ticket {
  const [first, ...rest] = ticket.lines;
  return { ...ticket, lines: [{ ...first!, ...change }, ...rest] };
}

/** What the returns of `sale` took back of its first line, as the lookup reports it. */
function figuresOf(sale: Ticket, seen: ReturnableSale) {
  const first = seen.lines[0]!;
  return returnedFigures(
    { quantity: first.returnedQuantity, amount: first.returnedAmount },
    sale.currency,
  );
}
