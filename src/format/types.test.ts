/**
 * The TypeScript types are written by hand; these checks tie them to the
 * schema. Each `satisfies Record<K, true>` object must name exactly the keys
 * K (the compiler refuses a missing or an extra key), and the test then
 * compares those names with the schema's. Adding a field to one side only
 * fails either the build or this test.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ticketSchema } from './schema';
import type { Payment, PaymentMethod, QuantityUnit, Ticket, TicketLine, TicketType } from './types';

/** The keys of T that are not optional. */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

const TICKET_KEYS = {
  ticketId: true, storeId: true, terminalId: true, issuedAt: true, type: true, currency: true,
  customerId: true, originalTicketId: true, originalStoreId: true, lines: true, total: true,
  change: true, payments: true,
} satisfies Record<keyof Ticket, true>; // prettier-ignore
const TICKET_REQUIRED = {
  ticketId: true, storeId: true, terminalId: true, issuedAt: true, type: true, currency: true,
  lines: true, total: true, payments: true,
} satisfies Record<RequiredKeys<Ticket>, true>; // prettier-ignore

const LINE_KEYS = {
  lineNo: true, gtin: true, sku: true, description: true, quantity: true, unit: true,
  unitPrice: true, discount: true, taxRate: true, amount: true, originalLineNo: true,
} satisfies Record<keyof TicketLine, true>; // prettier-ignore
const LINE_REQUIRED = {
  lineNo: true, gtin: true, description: true, quantity: true, unitPrice: true, discount: true,
  taxRate: true, amount: true,
} satisfies Record<RequiredKeys<TicketLine>, true>; // prettier-ignore

const PAYMENT_KEYS = { method: true, amount: true, grantCode: true } satisfies Record<
  keyof Payment,
  true
>;
const PAYMENT_REQUIRED = { method: true, amount: true } satisfies Record<
  RequiredKeys<Payment>,
  true
>;

const TICKET_TYPES = { sale: true, return: true } satisfies Record<TicketType, true>;
const PAYMENT_METHODS = {
  cash: true, card: true, mobile: true, voucher: true, giftcard: true, pointsRedeemed: true, other: true,
} satisfies Record<PaymentMethod, true>; // prettier-ignore
const UNITS = {
  each: true, kg: true, g: true, lb: true, l: true, ml: true, m: true,
} satisfies Record<QuantityUnit, true>; // prettier-ignore

const sorted = (values: Iterable<unknown>): string[] => [...values].map(String).sort();

describe('types mirror the schema', () => {
  const { properties, required, $defs } = ticketSchema;
  const CASES: [string, object, readonly string[]][] = [
    ['Ticket properties', TICKET_KEYS, Object.keys(properties)],
    ['Ticket required', TICKET_REQUIRED, required],
    ['TicketLine properties', LINE_KEYS, Object.keys($defs.line.properties)],
    ['TicketLine required', LINE_REQUIRED, $defs.line.required],
    ['Payment properties', PAYMENT_KEYS, Object.keys($defs.payment.properties)],
    ['Payment required', PAYMENT_REQUIRED, $defs.payment.required],
    ['TicketType', TICKET_TYPES, properties.type.enum],
    ['PaymentMethod', PAYMENT_METHODS, $defs.paymentMethod.enum],
    ['QuantityUnit', UNITS, $defs.line.properties.unit.enum],
  ];
  for (const [name, typeKeys, schemaNames] of CASES) {
    it(name, () => assert.deepEqual(sorted(Object.keys(typeKeys)), sorted(schemaNames)));
  }
});
