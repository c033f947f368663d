/**
 * The structural limits and the error cap: adversarial tickets get a short,
 * bounded list of errors naming the field and the rule. Before these, a
 * ticket of 85,000 empty lines got 680,000 errors (70 MB) after minutes of
 * CPU; these tests assert the shape of the answer, not its time.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { threeLineSale } from './fixtures';
import { STRUCTURE_LIMITS } from './limits';
import { validateTicket, type TicketValidation } from './validate';

function refused(result: TicketValidation) {
  assert.equal(result.ok, false, 'the ticket was accepted');
  if (result.ok) throw new Error('unreachable');
  return result;
}

describe('validateTicket: structural limits before deep validation', () => {
  it('refuses more than 500 lines with one maxItems error on /lines, not an error a line', () => {
    const result = refused(validateTicket({ lines: Array.from({ length: 85_000 }, () => ({})) }));
    assert.deepEqual(
      result.errors.map((e) => [e.path, e.rule]),
      [['/lines', 'maxItems']],
    );
    assert.match(result.errors[0]!.message, /85000 lines; at most 500/);
  });

  it('lists at most 100 errors and says the list was cut', () => {
    const result = refused(validateTicket({ lines: Array.from({ length: 500 }, () => ({})) }));
    assert.equal(result.errors.length, STRUCTURE_LIMITS.maxErrors);
    assert.equal(result.truncated, true);
    assert.ok(result.errors.some((e) => e.path === '/lines/0/gtin' && e.rule === 'required'));
  });

  it('lists every error, untruncated, when there are at most 100', () => {
    const ticket = threeLineSale() as unknown as Record<string, unknown>;
    const result = refused(validateTicket({ ...ticket, loyaltyCard: 'x' }));
    assert.equal(result.truncated, false);
    assert.deepEqual(
      result.errors.map((e) => [e.path, e.rule]),
      [['/loyaltyCard', 'additionalProperties']],
    );
  });

  it('refuses an object of 40,000 properties with one maxProperties error', () => {
    const line: Record<string, number> = {};
    for (let i = 0; i < 40_000; i++) line[`k${i}`] = i;
    const ticket = threeLineSale() as unknown as { lines: unknown[] };
    ticket.lines[1] = line;
    const result = refused(validateTicket(ticket));
    assert.deepEqual(
      result.errors.map((e) => [e.path, e.rule]),
      [['/lines/1', 'maxProperties']],
    );
  });

  it('names a huge string by its path, without echoing it', () => {
    const ticket = { ...threeLineSale(), terminalId: 'x'.repeat(300_000) };
    const result = refused(validateTicket(ticket));
    assert.deepEqual(
      result.errors.map((e) => [e.path, e.rule]),
      [['/terminalId', 'maxLength']],
    );
    assert.ok(JSON.stringify(result).length < 500);
  });

  it('refuses a huge property name at its object, without echoing it in path or message', () => {
    const ticket = threeLineSale() as unknown as { payments: Array<Record<string, unknown>> };
    ticket.payments[0]![`n${'x'.repeat(100_000)}`] = 1;
    const result = refused(validateTicket(ticket));
    assert.deepEqual(
      result.errors.map((e) => [e.path, e.rule]),
      [['/payments/0', 'propertyNames']],
    );
    assert.ok(JSON.stringify(result).length < 500);
  });

  it('refuses deep nesting in a field with one type error, without walking it', () => {
    const depth = 100_000;
    const deep = JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown;
    const ticket = threeLineSale() as unknown as { lines: Array<Record<string, unknown>> };
    ticket.lines[0]!.gtin = deep;
    const result = refused(validateTicket(ticket));
    assert.deepEqual(
      result.errors.map((e) => [e.path, e.rule]),
      [['/lines/0/gtin', 'type']],
    );
  });

  it('treats __proto__ as the unknown property it is, and pollutes nothing', () => {
    const parsed = JSON.parse(
      `{"__proto__": {"polluted": true}, ${JSON.stringify(threeLineSale()).slice(1)}`,
    ) as unknown;
    const result = refused(validateTicket(parsed));
    assert.deepEqual(
      result.errors.map((e) => [e.path, e.rule]),
      [['/__proto__', 'additionalProperties']],
    );
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('keeps every field of every line wrong to 100 errors', () => {
    const wrong = {
      lineNo: 'x',
      gtin: 1,
      sku: 2,
      description: 3,
      quantity: 4,
      unit: 5,
      unitPrice: 6,
      discount: 7,
      taxRate: 8,
      amount: 9,
      originalLineNo: 'y',
    };
    const ticket = { ...threeLineSale(), lines: Array.from({ length: 500 }, () => wrong) };
    const result = refused(validateTicket(ticket));
    assert.equal(result.errors.length, 100);
    assert.equal(result.truncated, true);
    assert.ok(result.errors.every((e) => e.path.startsWith('/lines/')));
  });
});
