/**
 * The refund rule of returns, as plain arithmetic that a till, the
 * simulator and the contract share: for a sale line that sold quantity Q
 * for amount A, the returns that have taken back a quantity q in all may
 * have refunded at most `A × q / Q`, rounded half to even to the minor unit.
 * The bound is on the running totals, not on each return: returning
 * everything refunds exactly A at most, and no sequence of partial returns
 * refunds more (docs/ticket-format.md#returns has a worked example).
 */
import {
  currencyMinorUnits,
  divideHalfEven,
  formatDecimal,
  fromMilli,
  parseDecimal,
  pow10,
  roundHalfEven,
  toMilli,
  toMinorUnits,
  type Decimal,
  type Ticket,
  type TicketLine,
} from '../format';
import type { ReturnedLine } from './records';

/** A line's quantity and amount as integers: thousandths and minor units. */
export interface LineFigures {
  readonly quantityMilli: bigint;
  readonly amountMinor: bigint;
}

export const NOTHING_RETURNED: LineFigures = { quantityMilli: 0n, amountMinor: 0n };

/** What a sale line sold, as integers. */
export function soldFigures(line: TicketLine, currency: string): LineFigures {
  return {
    quantityMilli: toMilli(line.quantity),
    amountMinor: toMinorUnits(line.amount, currency),
  };
}

/** What returns have taken back of a line, as kept in a return tally (nothing when absent). */
export function returnedFigures(returned: ReturnedLine | undefined, currency: string): LineFigures {
  if (returned === undefined) return NOTHING_RETURNED;
  return {
    quantityMilli: toMilli(returned.quantity),
    amountMinor: toMinorUnits(returned.amount, currency),
  };
}

/** The figures in the form a return tally keeps them. */
export function toReturnedLine(figures: LineFigures, currency: string): ReturnedLine {
  const minor = currencyMinorUnits(currency) ?? 2;
  return {
    quantity: fromMilli(figures.quantityMilli),
    amount: formatDecimal(figures.amountMinor, minor),
  };
}

/**
 * The most that may have been refunded in all once `returnedMilli` of a line
 * that sold `sold` has come back: `A × q / Q`, half to even.
 */
export function refundCap(sold: LineFigures, returnedMilli: bigint): bigint {
  if (sold.quantityMilli === 0n) return 0n;
  return divideHalfEven(sold.amountMinor * returnedMilli, sold.quantityMilli);
}

/**
 * The most a return of `quantityMilli` more may refund, after `returned`
 * so far: the cap at the new running quantity less what was refunded.
 * Never negative; 0 when the quantity exceeds what is left.
 */
export function refundLimit(
  sold: LineFigures,
  returned: LineFigures,
  quantityMilli: bigint,
): bigint {
  const after = returned.quantityMilli + quantityMilli;
  if (after > sold.quantityMilli) return 0n;
  const limit = refundCap(sold, after) - returned.amountMinor;
  return limit > 0n ? limit : 0n;
}

/**
 * The return line that takes back `quantity` of `line` of `sale`, refunding
 * the most the rule allows (or what the goods cost at the sale's price,
 * when less). A line's amount is `quantity × unitPrice − discount` rounded
 * half to even, so the refund is reached with a discount at the sale's unit
 * price; where that price makes every candidate a tie that rounds past the
 * limit, a price 0.0001 lower; where nothing may be refunded, a price of 0.
 */
export function returnLineFor(
  sale: Ticket,
  line: TicketLine,
  returned: LineFigures,
  quantity: string,
): TicketLine {
  const minor = currencyMinorUnits(sale.currency) ?? 2;
  const limit = refundLimit(soldFigures(line, sale.currency), returned, toMilli(quantity));
  const q = parseDecimal(quantity);
  const price = parseDecimal(line.unitPrice);
  const lower = { units: price.units * pow10(4 - price.scale) - 1n, scale: 4 };
  // A free line (all discount) can refund only nothing: at price 0 when no discount gets there.
  const free = { units: 0n, scale: 0 };
  const terms = [price, ...(lower.units >= 0n ? [lower] : []), free]
    .map((unitPrice) => priced(q, unitPrice, limit, minor))
    .filter((t) => t.amount <= limit);
  const best = terms.reduce((a, b) => (b.amount > a.amount ? b : a));
  return {
    lineNo: line.lineNo,
    gtin: line.gtin,
    description: line.description,
    quantity,
    ...(line.unit === undefined ? {} : { unit: line.unit }),
    unitPrice: formatDecimal(best.unitPrice.units, best.unitPrice.scale),
    discount: formatDecimal(best.discount, minor),
    taxRate: line.taxRate,
    amount: formatDecimal(best.amount, minor),
    originalLineNo: line.lineNo,
  };
}

/**
 * The largest amount ≤ `limit` that `q × unitPrice − discount` rounds to,
 * and that discount (never more than `q × unitPrice`, as the format
 * requires); when none is, the amount without discount (above the limit).
 */
function priced(q: Decimal, unitPrice: Decimal, limit: bigint, minor: number) {
  const scale = Math.max(q.scale + unitPrice.scale, minor);
  const exact = q.units * unitPrice.units * pow10(scale - q.scale - unitPrice.scale);
  const unit = pow10(scale - minor);
  const gross = roundHalfEven(exact, scale, minor);
  if (gross <= limit) return { unitPrice, discount: 0n, amount: gross };
  // Without a tie, round(x − d) = round(x) − d; a tie can round one minor unit away.
  for (const discount of [gross - limit, gross - limit + 1n]) {
    if (discount * unit > exact) break;
    const amount = roundHalfEven(exact - discount * unit, scale, minor);
    if (amount <= limit) return { unitPrice, discount, amount };
  }
  return { unitPrice, discount: 0n, amount: gross };
}
