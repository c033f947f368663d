/**
 * TypeScript types of a ticket, written by hand to mirror
 * `ticket.schema.json` field for field. `types.test.ts` cross-checks them
 * against the schema (every property, every required property, every enum
 * value), so the two cannot drift apart silently.
 */

/**
 * A plain decimal string such as "3.98" or "0.535": money and quantities are
 * never JSON numbers. Parse with `parseDecimal` or `toMinorUnits`.
 */
export type DecimalString = string;

/** sale: goods leave the store; return: goods come back (amounts stay positive). */
export type TicketType = 'sale' | 'return';

/**
 * How a payment (or a refund, on a return) was made. `pointsRedeemed`:
 * loyalty points, one per minor unit, authorised by a redemption grant.
 * v1 may add methods.
 */
export type PaymentMethod =
  'cash' | 'card' | 'mobile' | 'voucher' | 'giftcard' | 'pointsRedeemed' | 'other';

/** Unit of a line's quantity; absent means `each`. */
export type QuantityUnit = 'each' | 'kg' | 'g' | 'lb' | 'l' | 'ml' | 'm';

/** One line of a ticket: a product, how many, at what price. */
export interface TicketLine {
  /** Unique within the ticket, 1-9999; gaps allowed. */
  lineNo: number;
  /** GTIN-8/12/13/14 with a valid check digit. */
  gtin: string;
  /** The store's own article code. */
  sku?: string;
  /** Receipt text. */
  description: string;
  /** Greater than zero, up to 3 decimals. */
  quantity: DecimalString;
  unit?: QuantityUnit;
  /** Price of one unit, tax included, up to 4 decimals. */
  unitPrice: DecimalString;
  /** Discount on the whole line, in the currency's minor unit ("0.00" when none). */
  discount: DecimalString;
  /** Percent, 0-100, up to 2 decimals. */
  taxRate: DecimalString;
  /** quantity × unitPrice − discount, rounded half-even to the currency's minor unit. */
  amount: DecimalString;
  /** Return lines only: the returned line's lineNo on the original ticket. */
  originalLineNo?: number;
}

/** One payment; on a return, one refund. */
export interface Payment {
  method: PaymentMethod;
  amount: DecimalString;
  /** `pointsRedeemed` only, and required there: the customer's redemption grant code. */
  grantCode?: string;
}

/** A retail ticket (digital receipt), format v1. See docs/ticket-format.md. */
export interface Ticket {
  ticketId: string;
  storeId: string;
  terminalId: string;
  /** RFC 3339 with an explicit offset, e.g. "2026-11-24T10:15:00+01:00". */
  issuedAt: string;
  type: TicketType;
  /** ISO 4217 code, e.g. "EUR". */
  currency: string;
  /** Pseudonymous loyalty id; never personal data. */
  customerId?: string;
  /** Returns only: the sale ticket the goods were bought on. */
  originalTicketId?: string;
  /** Returns only, optional: the store of the original sale, when another store. */
  originalStoreId?: string;
  lines: TicketLine[];
  /** Sum of the line amounts. */
  total: DecimalString;
  /** Cash handed back: Σ payments − change = total. */
  change?: DecimalString;
  payments: Payment[];
}
