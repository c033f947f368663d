/**
 * Invalid tickets as data: one case per way a ticket can break a rule of
 * format v1, with the JSON pointer and rule the validator must name. Shared
 * by the validator's own tests and by the collector's HTTP tests, so that
 * every malformed class is also refused end to end.
 * @internal
 */
import { exampleTicket, line, returnTicket, threeLineSale } from '../fixtures';
import type { Ticket } from '../types';
// ---------------------------------------------------------------------------
// Helpers: mutate a valid ticket by JSON pointer, so that each case is data.

function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Sets (or with `undefined`, deletes) the value at a JSON pointer. */
export function setAt(root: unknown, pointer: string, value: unknown): void {
  const tokens = pointer.split('/').slice(1).map(unescapeToken);
  const last = tokens.pop() as string;
  let node = root as Record<string, unknown>;
  for (const token of tokens) node = node[token] as Record<string, unknown>;
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else {
    node[last] = value;
  }
}

/** Minor units of a 2-decimal test amount, computed without the code under test. */
function cents(text: string): number {
  const [int, frac = ''] = text.split('.');
  return Number(int) * 100 + Number(frac.padEnd(2, '0'));
}

/** Makes total and payments agree with the (mutated) EUR line amounts. */
export function rebalance(t: Ticket): void {
  const sum = t.lines.reduce((s, l) => s + cents(l.amount), 0);
  const total = `${Math.floor(sum / 100)}.${String(sum % 100).padStart(2, '0')}`;
  t.total = total;
  t.payments = [{ method: 'card', amount: total }];
  delete t.change;
}

export function jpyTicket(): Ticket {
  const t = exampleTicket();
  t.currency = 'JPY';
  t.lines = [line(1, { unitPrice: '450', discount: '0', amount: '450' })];
  t.total = '450';
  t.payments = [{ method: 'cash', amount: '1000' }];
  t.change = '550';
  return t;
}

export function kwdTicket(): Ticket {
  const t = exampleTicket();
  t.currency = 'KWD';
  // 2 × 1.2345 = 2.4690, exact at 3 decimals.
  t.lines = [line(1, { quantity: '2', unitPrice: '1.2345', discount: '0.000', amount: '2.469' })];
  t.total = '2.469';
  t.payments = [{ method: 'card', amount: '2.469' }];
  return t;
}

export function manyLines(n: number): Ticket {
  const t = exampleTicket();
  t.lines = Array.from({ length: n }, (_, i) => line(i + 1));
  rebalance(t);
  return t;
}

/** One invalid ticket and the error it must produce. */
export interface InvalidCase {
  name: string;
  /** The valid ticket to start from; threeLineSale by default. */
  base?: () => Ticket;
  /** JSON pointer → new value (undefined deletes). */
  set?: Record<string, unknown>;
  mutate?: (t: Ticket) => void;
  /** Recompute total and payments after the mutation, to isolate a line error. */
  rebalance?: boolean;
  /** Replace the whole input. */
  input?: unknown;
  path: string;
  rule: string;
  /** Other errors are expected as well (default: the expected error is the only one). */
  alsoOthers?: boolean;
}

// prettier-ignore
/** Every invalid case, at least one per rule. */
export const INVALID_TICKETS: readonly InvalidCase[] = [
  // Not a ticket at all
  { name: 'null', input: null, path: '', rule: 'type' },
  { name: 'an array instead of a ticket', input: [threeLineSale()], path: '', rule: 'type' },
  { name: 'a JSON string of a ticket', input: JSON.stringify(threeLineSale()), path: '', rule: 'type' },
  { name: 'an empty object', input: {}, path: '/ticketId', rule: 'required', alsoOthers: true },

  // Unknown and missing properties, at every level
  { name: 'unknown top-level field', set: { '/loyaltyCard': 'x' }, path: '/loyaltyCard', rule: 'additionalProperties' },
  { name: 'unknown line field', set: { '/lines/1/colour': 'red' }, path: '/lines/1/colour', rule: 'additionalProperties' },
  { name: 'unknown payment field', set: { '/payments/0/cardNumber': '4111' }, path: '/payments/0/cardNumber', rule: 'additionalProperties' },
  { name: 'unknown field with / and ~ in its name', set: { '/a~1b~0c': 1 }, path: '/a~1b~0c', rule: 'additionalProperties' },
  { name: 'missing gtin', set: { '/lines/0/gtin': undefined }, path: '/lines/0/gtin', rule: 'required' },
  { name: 'missing total', set: { '/total': undefined }, path: '/total', rule: 'required' },
  { name: 'missing issuedAt', set: { '/issuedAt': undefined }, path: '/issuedAt', rule: 'required' },
  { name: 'missing payment method', set: { '/payments/0/method': undefined }, path: '/payments/0/method', rule: 'required' },

  // Wrong JSON types
  { name: 'total as a JSON number', set: { '/total': 6.31 }, path: '/total', rule: 'type' },
  { name: 'quantity as a JSON number', set: { '/lines/0/quantity': 2 }, path: '/lines/0/quantity', rule: 'type' },
  { name: 'payment amount as a float', set: { '/payments/0/amount': 6.31 }, path: '/payments/0/amount', rule: 'type' },
  { name: 'amount null', set: { '/lines/2/amount': null }, path: '/lines/2/amount', rule: 'type' },
  { name: 'lineNo as a string', set: { '/lines/0/lineNo': '1' }, path: '/lines/0/lineNo', rule: 'type' },
  { name: 'lineNo 1.5', set: { '/lines/0/lineNo': 1.5 }, path: '/lines/0/lineNo', rule: 'type' },
  { name: 'lines as an object', set: { '/lines': { 0: line(1) } }, path: '/lines', rule: 'type' },
  { name: 'a line that is an array', set: { '/lines/0': [line(1)] }, path: '/lines/0', rule: 'type', rebalance: false },
  { name: 'a payment that is null', set: { '/payments/0': null }, path: '/payments/0', rule: 'type' },
  { name: 'issuedAt as epoch milliseconds', set: { '/issuedAt': 1795511700000 }, path: '/issuedAt', rule: 'type' },

  // Decimal syntax
  { name: 'amount "1e3"', set: { '/lines/0/amount': '1e3' }, path: '/lines/0/amount', rule: 'pattern' },
  { name: 'amount "-0.00"', set: { '/lines/0/discount': '-0.00' }, path: '/lines/0/discount', rule: 'pattern' },
  { name: 'quantity "01.5"', set: { '/lines/0/quantity': '01.5' }, path: '/lines/0/quantity', rule: 'pattern' },
  { name: 'unitPrice "+1.99"', set: { '/lines/0/unitPrice': '+1.99' }, path: '/lines/0/unitPrice', rule: 'pattern' },
  { name: 'decimal comma "3,98"', set: { '/lines/0/amount': '3,98' }, path: '/lines/0/amount', rule: 'pattern' },
  { name: 'amount ".98"', set: { '/total': '.98' }, path: '/total', rule: 'pattern' },
  { name: 'amount "6."', set: { '/total': '6.' }, path: '/total', rule: 'pattern' },
  { name: 'amount with a space', set: { '/total': ' 6.31' }, path: '/total', rule: 'pattern' },
  { name: 'negative payment', set: { '/payments/0/amount': '-6.31' }, path: '/payments/0/amount', rule: 'pattern' },
  { name: 'unitPrice with 5 decimals', set: { '/lines/0/unitPrice': '1.99000' }, path: '/lines/0/unitPrice', rule: 'pattern' },
  { name: 'quantity with 4 decimals', set: { '/lines/1/quantity': '0.5350' }, path: '/lines/1/quantity', rule: 'pattern' },
  { name: 'empty amount', set: { '/lines/0/amount': '' }, path: '/lines/0/amount', rule: 'minLength', alsoOthers: true },
  { name: 'amount over 16 characters', set: { '/total': '12345678901234567' }, path: '/total', rule: 'maxLength', alsoOthers: true },
  { name: 'taxRate "100.5"', set: { '/lines/0/taxRate': '100.5' }, path: '/lines/0/taxRate', rule: 'pattern' },
  { name: 'taxRate "21%"', set: { '/lines/0/taxRate': '21%' }, path: '/lines/0/taxRate', rule: 'pattern' },

  // Quantities and currency precision
  { name: 'quantity "0"', set: { '/lines/0/quantity': '0' }, path: '/lines/0/quantity', rule: 'quantity-positive' },
  { name: 'quantity "0.000"', set: { '/lines/1/quantity': '0.000' }, path: '/lines/1/quantity', rule: 'quantity-positive' },
  { name: 'EUR discount with 3 decimals', set: { '/lines/0/discount': '0.001' }, path: '/lines/0/discount', rule: 'currency-precision' },
  { name: 'EUR amount "3.980"', set: { '/lines/0/amount': '3.980' }, path: '/lines/0/amount', rule: 'currency-precision' },
  { name: 'EUR total "6.310"', set: { '/total': '6.310' }, path: '/total', rule: 'currency-precision' },
  { name: 'JPY amount with decimals', base: jpyTicket, set: { '/lines/0/amount': '450.0' }, path: '/lines/0/amount', rule: 'currency-precision' },
  { name: 'JPY change with decimals', base: jpyTicket, set: { '/change': '550.00' }, path: '/change', rule: 'currency-precision' },
  { name: 'KWD with 4 decimals', base: kwdTicket, set: { '/payments/0/amount': '2.4690' }, path: '/payments/0/amount', rule: 'pattern' },
  { name: 'unknown currency XYZ', set: { '/currency': 'XYZ' }, path: '/currency', rule: 'unknown-currency' },
  { name: 'lower-case currency', set: { '/currency': 'eur' }, path: '/currency', rule: 'pattern' },

  // GTINs
  { name: 'GTIN-13 with a wrong check digit', set: { '/lines/0/gtin': '4006381333932' }, path: '/lines/0/gtin', rule: 'gtin-check-digit' },
  { name: 'GTIN-8 with a wrong check digit', set: { '/lines/1/gtin': '96385075' }, path: '/lines/1/gtin', rule: 'gtin-check-digit' },
  { name: 'GTIN-14 with a wrong check digit', set: { '/lines/2/gtin': '10012345678903' }, path: '/lines/2/gtin', rule: 'gtin-check-digit' },
  { name: 'GTIN of 11 digits', set: { '/lines/0/gtin': '40063813339' }, path: '/lines/0/gtin', rule: 'pattern' },
  { name: 'GTIN with a letter', set: { '/lines/0/gtin': '400638133393X' }, path: '/lines/0/gtin', rule: 'pattern' },

  // Returns
  { name: 'return without originalTicketId', base: returnTicket, set: { '/originalTicketId': undefined }, path: '/originalTicketId', rule: 'return-original' },
  { name: 'return line without originalLineNo', base: returnTicket, set: { '/lines/0/originalLineNo': undefined }, path: '/lines/0/originalLineNo', rule: 'return-original' },
  { name: 'return of itself', base: returnTicket, set: { '/originalTicketId': '0001-20261125-000007' }, path: '/originalTicketId', rule: 'return-original' },
  { name: 'sale with originalTicketId', set: { '/originalTicketId': '0001-20261120-000001' }, path: '/originalTicketId', rule: 'return-original' },
  { name: 'sale with originalStoreId', set: { '/originalStoreId': 'store-002' }, path: '/originalStoreId', rule: 'return-original' },
  { name: 'sale line with originalLineNo', set: { '/lines/2/originalLineNo': 1 }, path: '/lines/2/originalLineNo', rule: 'return-original' },
  { name: 'originalLineNo 0', base: returnTicket, set: { '/lines/0/originalLineNo': 0 }, path: '/lines/0/originalLineNo', rule: 'minimum' },
  { name: 'type "refund"', set: { '/type': 'refund' }, path: '/type', rule: 'enum' },

  // Line numbers
  { name: 'duplicated lineNo', set: { '/lines/2/lineNo': 1 }, path: '/lines/2/lineNo', rule: 'unique-line-no' },
  { name: 'lineNo 0', set: { '/lines/0/lineNo': 0 }, path: '/lines/0/lineNo', rule: 'minimum' },
  { name: 'lineNo 10000', set: { '/lines/0/lineNo': 10000 }, path: '/lines/0/lineNo', rule: 'maximum' },

  // Arithmetic
  { name: 'line amount off by one cent', set: { '/lines/0/amount': '3.99' }, rebalance: true, path: '/lines/0/amount', rule: 'line-amount' },
  { name: '3 × 0.335 = 1.005 rounded half-up to 1.01', set: { '/lines/2/amount': '1.01' }, rebalance: true, path: '/lines/2/amount', rule: 'line-amount' },
  { name: '1 × 1.015 truncated to 1.01 instead of 1.02', set: { '/lines/2/quantity': '1', '/lines/2/unitPrice': '1.015', '/lines/2/amount': '1.01' }, rebalance: true, path: '/lines/2/amount', rule: 'line-amount' },
  { name: '0.535 × 2.49 = 1.33215 rounded up to 1.34', set: { '/lines/1/amount': '1.34' }, rebalance: true, path: '/lines/1/amount', rule: 'line-amount' },
  { name: 'discount ignored in the amount', set: { '/lines/0/discount': '0.50' }, path: '/lines/0/amount', rule: 'line-amount' },
  { name: 'discount larger than the line', set: { '/lines/0/discount': '4.00', '/lines/0/amount': '0.00' }, rebalance: true, path: '/lines/0/discount', rule: 'line-discount' },
  { name: 'total off by one cent', set: { '/total': '6.32', '/payments/0/amount': '6.32' }, path: '/total', rule: 'total' },
  { name: 'payments short by one cent', set: { '/payments/0/amount': '6.30' }, path: '/payments', rule: 'payments-total' },
  { name: 'split payment that does not add up', set: { '/payments': [{ method: 'giftcard', amount: '5.00' }, { method: 'cash', amount: '1.00' }] }, path: '/payments', rule: 'payments-total' },
  { name: 'change not deducted', set: { '/payments/0': { method: 'cash', amount: '10.00' } }, path: '/payments', rule: 'payments-total' },
  { name: 'wrong change', set: { '/payments/0': { method: 'cash', amount: '10.00' }, '/change': '3.68' }, path: '/payments', rule: 'payments-total' },
  { name: 'change larger than the payments', set: { '/change': '7.00' }, path: '/payments', rule: 'payments-total' },

  // Payments
  { name: 'payment method "bitcoin"', set: { '/payments/0/method': 'bitcoin' }, path: '/payments/0/method', rule: 'enum' },
  { name: 'payment method "points" (not in v1.0)', set: { '/payments/0/method': 'points' }, path: '/payments/0/method', rule: 'enum' },
  { name: 'pointsRedeemed without a grantCode', set: { '/payments/0/method': 'pointsRedeemed' }, path: '/payments/0/grantCode', rule: 'points-payment' },
  { name: 'grantCode on a card payment', set: { '/payments/0/grantCode': 'ABCDEFGHIJKLMNOP' }, path: '/payments/0/grantCode', rule: 'points-payment' },
  { name: 'grantCode in lower case', set: { '/payments/0': { method: 'pointsRedeemed', amount: '6.31', grantCode: 'abcdefghijklmnop' } }, path: '/payments/0/grantCode', rule: 'pattern' },
  { name: 'two pointsRedeemed payments', set: { '/payments': [{ method: 'pointsRedeemed', amount: '1.00', grantCode: 'ABCDEFGHIJKLMNOP' }, { method: 'pointsRedeemed', amount: '5.31', grantCode: 'QRSTUVWXYZ234567' }] }, path: '/payments/1/method', rule: 'points-payment' },
  { name: 'a return refunded in points', base: returnTicket, mutate: (t) => { t.payments[0] = { method: 'pointsRedeemed', amount: t.payments[0]!.amount, grantCode: 'ABCDEFGHIJKLMNOP' }; }, path: '/payments/0/method', rule: 'points-payment' },
  { name: 'no payments', set: { '/payments': [] }, path: '/payments', rule: 'minItems' },
  { name: '21 payments', set: { '/payments': Array.from({ length: 21 }, () => ({ method: 'cash', amount: '0.01' })) }, path: '/payments', rule: 'maxItems' },

  // Limits on lines
  { name: 'no lines', set: { '/lines': [] }, path: '/lines', rule: 'minItems' },
  { name: '501 lines', base: () => manyLines(501), path: '/lines', rule: 'maxItems' },

  // issuedAt
  { name: 'issuedAt without offset', set: { '/issuedAt': '2026-11-24T10:15:00' }, path: '/issuedAt', rule: 'rfc3339-offset' },
  { name: 'issuedAt with offset "+0100"', set: { '/issuedAt': '2026-11-24T10:15:00+0100' }, path: '/issuedAt', rule: 'rfc3339-offset' },
  { name: 'issuedAt with offset "-00:00" (unknown)', set: { '/issuedAt': '2026-11-24T10:15:00-00:00' }, path: '/issuedAt', rule: 'rfc3339-offset' },
  { name: 'issuedAt on 2026-02-30', set: { '/issuedAt': '2026-02-30T10:15:00+01:00' }, path: '/issuedAt', rule: 'format' },
  { name: 'issuedAt on 2026-02-29 (not a leap year)', set: { '/issuedAt': '2026-02-29T10:15:00Z' }, path: '/issuedAt', rule: 'format' },
  { name: 'issuedAt at 24:00:00', set: { '/issuedAt': '2026-11-24T24:00:00Z' }, path: '/issuedAt', rule: 'format' },
  { name: 'issuedAt with a space for T', set: { '/issuedAt': '2026-11-24 10:15:00+01:00' }, path: '/issuedAt', rule: 'format' },
  { name: 'issuedAt as a date only', set: { '/issuedAt': '2026-11-24' }, path: '/issuedAt', rule: 'format' },

  // customerId: no personal data
  { name: 'customerId that is an email', set: { '/customerId': 'ana.garcia@example.com' }, path: '/customerId', rule: 'personal-data' },
  { name: 'customerId that is a card number', set: { '/customerId': '4111111111111111' }, path: '/customerId', rule: 'personal-data' },
  { name: 'customerId with a grouped card number', set: { '/customerId': 'card-4111-1111-1111-1111' }, path: '/customerId', rule: 'personal-data' },
  { name: 'customerId that is a phone number', set: { '/customerId': '612345678' }, path: '/customerId', rule: 'personal-data' },
  { name: 'customerId that is an international phone number', set: { '/customerId': '+34612345678' }, path: '/customerId', rule: 'personal-data' },
  { name: 'customerId of 2 characters', set: { '/customerId': 'ab' }, path: '/customerId', rule: 'minLength', alsoOthers: true },
  { name: 'customerId with a space', set: { '/customerId': 'cust 7f3a9c' }, path: '/customerId', rule: 'pattern' },

  // Ids and text
  { name: 'empty ticketId', set: { '/ticketId': '' }, path: '/ticketId', rule: 'minLength', alsoOthers: true },
  { name: 'ticketId of 65 characters', set: { '/ticketId': 'T'.repeat(65) }, path: '/ticketId', rule: 'maxLength' },
  { name: 'ticketId with a space', set: { '/ticketId': '0001 000123' }, path: '/ticketId', rule: 'pattern' },
  { name: 'storeId with a slash', set: { '/storeId': 'store/001' }, path: '/storeId', rule: 'pattern' },
  { name: 'terminalId starting with a dash', set: { '/terminalId': '-pos-03' }, path: '/terminalId', rule: 'pattern' },
  { name: 'empty description', set: { '/lines/0/description': '' }, path: '/lines/0/description', rule: 'minLength', alsoOthers: true },
  { name: 'description of 121 characters', set: { '/lines/0/description': 'x'.repeat(121) }, path: '/lines/0/description', rule: 'maxLength' },
  { name: 'description with a newline', set: { '/lines/0/description': 'Fineliner\n0.4 mm' }, path: '/lines/0/description', rule: 'pattern' },
  { name: 'description with a lone surrogate', set: { '/lines/0/description': 'Fineliner \ud800' }, path: '/lines/0/description', rule: 'unicode-text' },
  { name: 'sku with a space', set: { '/lines/1/sku': 'FRU APL' }, path: '/lines/1/sku', rule: 'pattern' },
  { name: 'unit "pcs"', set: { '/lines/0/unit': 'pcs' }, path: '/lines/0/unit', rule: 'enum' },
];

/** The request body of a case: a fresh valid ticket, broken as the case says. */
export function buildInvalid(c: InvalidCase): unknown {
  if ('input' in c) return c.input;
  const t = (c.base ?? threeLineSale)();
  for (const [pointer, value] of Object.entries(c.set ?? {})) setAt(t, pointer, value);
  c.mutate?.(t);
  if (c.rebalance === true) rebalance(t);
  return t;
}
