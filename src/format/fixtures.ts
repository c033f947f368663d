/**
 * Valid tickets for tests, each built fresh so that a test may mutate it,
 * and the example the API document shows (`exampleTicket`).
 * Not part of the public surface.
 * @internal
 */
import type { Ticket, TicketLine } from './types';

/** The example of docs/ticket-format.md: one line, paid by card. */
export function exampleTicket(): Ticket {
  return {
    ticketId: '0001-20261124-000123',
    storeId: 'store-001',
    terminalId: 'pos-03',
    issuedAt: '2026-11-24T10:15:00+01:00',
    type: 'sale',
    currency: 'EUR',
    customerId: 'cust-7f3a9c',
    lines: [
      {
        lineNo: 1,
        gtin: '4006381333931',
        description: 'Fineliner 0.4 mm',
        quantity: '2',
        unitPrice: '1.99',
        discount: '0.00',
        taxRate: '21',
        amount: '3.98',
      },
    ],
    total: '3.98',
    payments: [{ method: 'card', amount: '3.98' }],
  };
}

/**
 * Three EUR lines exercising each GTIN length and rounding:
 * 2 × 1.99 = 3.98; 0.535 kg × 2.49 = 1.33215 → 1.33; 3 × 0.335 = 1.005 → 1.00
 * (half-even); total 6.31, paid by card.
 */
export function threeLineSale(): Ticket {
  return {
    ticketId: '0001-20261124-000124',
    storeId: 'store-001',
    terminalId: 'pos-03',
    issuedAt: '2026-11-24T10:17:42.250Z',
    type: 'sale',
    currency: 'EUR',
    lines: [
      {
        lineNo: 1,
        gtin: '4006381333931',
        description: 'Fineliner 0.4 mm',
        quantity: '2',
        unitPrice: '1.99',
        discount: '0.00',
        taxRate: '21',
        amount: '3.98',
      },
      {
        lineNo: 2,
        gtin: '96385074',
        sku: 'FRU-APL-01',
        description: 'Apples, loose',
        quantity: '0.535',
        unit: 'kg',
        unitPrice: '2.49',
        discount: '0.00',
        taxRate: '4',
        amount: '1.33',
      },
      {
        lineNo: 3,
        gtin: '10012345678902',
        description: 'Notebook A5',
        quantity: '3',
        unitPrice: '0.335',
        discount: '0.00',
        taxRate: '21',
        amount: '1.00',
      },
    ],
    total: '6.31',
    payments: [{ method: 'card', amount: '6.31' }],
  };
}

/** A return of two of the notebooks of {@link threeLineSale}, refunded in cash. */
export function returnTicket(): Ticket {
  return {
    ticketId: '0001-20261125-000007',
    storeId: 'store-001',
    terminalId: 'pos-01',
    issuedAt: '2026-11-25T09:02:00+01:00',
    type: 'return',
    currency: 'EUR',
    originalTicketId: '0001-20261124-000124',
    lines: [
      {
        lineNo: 1,
        gtin: '10012345678902',
        description: 'Notebook A5',
        quantity: '2',
        unitPrice: '0.335',
        discount: '0.00',
        taxRate: '21',
        amount: '0.67',
        originalLineNo: 3,
      },
    ],
    total: '0.67',
    payments: [{ method: 'cash', amount: '0.67' }],
  };
}

/** One fineliner for 1.99 EUR, with `fields` overriding; the caller keeps the arithmetic right. */
export function line(lineNo: number, fields: Partial<TicketLine> = {}): TicketLine {
  return {
    lineNo,
    gtin: '4006381333931',
    description: 'Fineliner 0.4 mm',
    quantity: '1',
    unitPrice: '1.99',
    discount: '0.00',
    taxRate: '21',
    amount: '1.99',
    ...fields,
  };
}
