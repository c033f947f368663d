import fc from 'fast-check';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromMilli, toMinorUnits, validateTicket, type Ticket } from '../../src/format';
import { buildTicket, gtin13 } from '../../src/sim/ticket-factory';
import {
  NOTHING_RETURNED,
  refundCap,
  refundLimit,
  returnLineFor,
  soldFigures,
} from '../../src/contract/refunds';

const sale = (quantity: string, unitPrice: string, discount?: string): Ticket =>
  buildTicket({
    ticketId: 's-1',
    storeId: 'store-1',
    lines: [
      {
        gtin: gtin13('400638', 1),
        quantity,
        unitPrice,
        ...(discount === undefined ? {} : { discount }),
      },
    ],
  });

/** A return of `line` as a whole ticket, validated as the contract will. */
function asReturn(original: Ticket, line: ReturnType<typeof returnLineFor>): Ticket {
  return {
    ...original,
    ticketId: 'r-1',
    type: 'return',
    originalTicketId: original.ticketId,
    lines: [line],
    total: line.amount,
    payments: [{ method: 'card', amount: line.amount }],
  };
}

describe('refunds', () => {
  it('caps the running refund at A × q / Q, half to even (the worked example)', () => {
    const sold = { quantityMilli: 3000n, amountMinor: 1000n }; // 3 for 10.00
    assert.deepEqual(
      [1000n, 2000n, 3000n].map((q) => refundCap(sold, q)),
      [333n, 667n, 1000n],
    );
    assert.equal(refundLimit(sold, { quantityMilli: 1000n, amountMinor: 333n }, 1000n), 334n);
    assert.equal(refundLimit(sold, { quantityMilli: 3000n, amountMinor: 1000n }, 1n), 0n);
  });

  it('builds a valid return line at the limit, reaching it past a rounding tie', () => {
    const pens = sale('3', '3.335'); // 10.005 → 10.00
    const line = returnLineFor(pens, pens.lines[0]!, NOTHING_RETURNED, '1');
    assert.equal(line.amount, '3.33');
    assert.equal(line.unitPrice, '3.3349');
    const validation = validateTicket(asReturn(pens, line));
    assert.ok(validation.ok, JSON.stringify(!validation.ok && validation.errors));
  });

  it('always builds a valid line refunding the limit or less, and the limit when the price allows (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9_999 }),
        fc.integer({ min: 0, max: 99_999 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 1, max: 9_999 }),
        (soldMilli, priceTenThousandths, discountPercent, returnMilli) => {
          const unitPrice = (priceTenThousandths / 10_000).toFixed(4);
          const gross = Math.floor((soldMilli * priceTenThousandths) / 100_000);
          const discount = ((Math.floor((gross * discountPercent) / 100) / 100) * 1).toFixed(2);
          const original = sale(fromMilli(BigInt(soldMilli)), unitPrice, discount);
          if (!validateTicket(original).ok) return;
          const quantity = fromMilli(BigInt(Math.min(returnMilli, soldMilli)));
          const line = returnLineFor(original, original.lines[0]!, NOTHING_RETURNED, quantity);
          const validation = validateTicket(asReturn(original, line));
          assert.ok(validation.ok, JSON.stringify(!validation.ok && validation.errors));
          const sold = soldFigures(original.lines[0]!, 'EUR');
          const limit = refundLimit(
            sold,
            NOTHING_RETURNED,
            BigInt(Math.min(returnMilli, soldMilli)),
          );
          const amount = toMinorUnits(line.amount, 'EUR');
          assert.ok(amount <= limit, `${line.amount} over ${limit}`);
          assert.ok(limit - amount <= 1n, `${line.amount} far below ${limit}`);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
