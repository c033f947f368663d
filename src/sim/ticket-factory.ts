import {
  currencyMinorUnits,
  formatDecimal,
  gtinCheckDigit,
  parseDecimal,
  type PaymentMethod,
  pow10,
  roundHalfEven,
  type Ticket,
  type TicketLine,
} from '../format';

/** One line of a ticket to build: amounts are computed, never typed in. */
export interface LineSpec {
  readonly gtin: string;
  readonly quantity: string;
  readonly unitPrice: string;
  readonly description?: string;
  readonly discount?: string;
  readonly taxRate?: string;
  readonly originalLineNo?: number;
}

/** A ticket to build; everything but the lines has a sensible default. */
export interface TicketSpec {
  readonly ticketId: string;
  readonly storeId: string;
  readonly lines: readonly LineSpec[];
  readonly terminalId?: string;
  readonly issuedAt?: string;
  readonly currency?: string;
  readonly customerId?: string;
  readonly type?: 'sale' | 'return';
  readonly originalTicketId?: string;
  /** Returns made in another store than the sale's. */
  readonly originalStoreId?: string;
  readonly paymentMethod?: PaymentMethod;
}

/**
 * Builds a valid format-v1 ticket from a spec: line amounts are
 * `quantity × unitPrice − discount` rounded half-even to the currency's minor
 * unit, the total is their sum and one payment covers it. Used by the
 * simulator, the benchmarks and the tests.
 */
export function buildTicket(spec: TicketSpec): Ticket {
  const currency = spec.currency ?? 'EUR';
  const minor = currencyMinorUnits(currency);
  if (minor === undefined) throw new Error(`unknown currency ${currency}`);
  let total = 0n;
  const lines: TicketLine[] = spec.lines.map((line, i) => {
    const quantity = parseDecimal(line.quantity);
    const price = parseDecimal(line.unitPrice);
    const discount = parseDecimal(line.discount ?? formatDecimal(0n, minor));
    // As the format states it: (quantity × unitPrice − discount), then rounded.
    const scale = Math.max(quantity.scale + price.scale, discount.scale);
    const exact =
      quantity.units * price.units * pow10(scale - quantity.scale - price.scale) -
      discount.units * pow10(scale - discount.scale);
    const amount = roundHalfEven(exact, scale, minor);
    total += amount;
    return {
      lineNo: i + 1,
      gtin: line.gtin,
      description: line.description ?? `Item ${line.gtin}`,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      discount: line.discount ?? formatDecimal(0n, minor),
      taxRate: line.taxRate ?? '21',
      amount: formatDecimal(amount, minor),
      ...(line.originalLineNo === undefined ? {} : { originalLineNo: line.originalLineNo }),
    };
  });
  const totalText = formatDecimal(total, minor);
  return {
    ticketId: spec.ticketId,
    storeId: spec.storeId,
    terminalId: spec.terminalId ?? 'pos-01',
    issuedAt: spec.issuedAt ?? '2026-11-24T10:15:00+01:00',
    type: spec.type ?? 'sale',
    currency,
    ...(spec.customerId === undefined ? {} : { customerId: spec.customerId }),
    ...(spec.originalTicketId === undefined ? {} : { originalTicketId: spec.originalTicketId }),
    ...(spec.originalStoreId === undefined ? {} : { originalStoreId: spec.originalStoreId }),
    lines,
    total: totalText,
    payments: [{ method: spec.paymentMethod ?? 'card', amount: totalText }],
  };
}

/** A GTIN-13 under a company prefix: the prefix, the item number, the check digit. */
export function gtin13(companyPrefix: string, item: number): string {
  const body = companyPrefix + String(item).padStart(12 - companyPrefix.length, '0');
  if (body.length !== 12) throw new Error(`item ${item} does not fit prefix ${companyPrefix}`);
  return body + String(gtinCheckDigit(body));
}
