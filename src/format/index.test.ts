/** The public surface other layers import: names and signatures must stay. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as format from './index';
import type {
  Payment,
  Ticket,
  TicketError,
  TicketLine,
  TicketRule,
  TicketValidation,
} from './index';

describe('format public surface', () => {
  it('exports the agreed functions and values', () => {
    const functions = [
      'validateTicket', 'canonicalJson', 'contentHash', 'parseDecimal', 'toMinorUnits',
      'formatMinorUnits', 'currencyMinorUnits', 'roundHalfEven', 'isValidGtin', 'gtinCheckDigit',
      'toGtin14', 'companyPrefixSpace', 'isValidCompanyPrefix',
    ] as const; // prettier-ignore
    for (const name of functions) assert.equal(typeof format[name], 'function', name);
    assert.equal(format.TICKET_FORMAT_VERSION, 1);
    assert.equal(format.ticketSchema.$id, 'https://eter.dev/schemas/ticket/v1.json');
  });

  it('types a validated ticket', () => {
    const result: TicketValidation = format.validateTicket({});
    const errors: TicketError[] = result.ok ? [] : result.errors;
    const rule: TicketRule = 'line-amount';
    const line: TicketLine | undefined = undefined as Ticket['lines'][number] | undefined;
    const payment: Payment = { method: 'cash', amount: '1.00' };
    assert.ok(errors.length > 0 && rule && line === undefined && payment.method === 'cash');
  });
});
