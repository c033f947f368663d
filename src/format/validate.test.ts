import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exampleTicket, line, returnTicket, threeLineSale } from './fixtures';
import {
  buildInvalid as build,
  INVALID_TICKETS as INVALID,
  jpyTicket,
  kwdTicket,
  manyLines,
  rebalance,
  setAt,
} from './testing/invalid-tickets';
import { TICKET_RULES, type TicketError } from './rules';
import { validateTicket } from './validate';

function describeErrors(errors: readonly TicketError[]): string {
  return errors.map((e) => `${e.path} ${e.rule}: ${e.message}`).join('\n');
}

describe('validateTicket: invalid tickets', () => {
  for (const c of INVALID) {
    it(`${c.name} → ${c.path || '(root)'} ${c.rule}`, () => {
      const result = validateTicket(build(c));
      assert.equal(result.ok, false, 'the ticket was accepted');
      if (result.ok) return;
      const found = result.errors.some((e) => e.path === c.path && e.rule === c.rule);
      assert.ok(found, `expected ${c.path} ${c.rule}, got:\n${describeErrors(result.errors)}`);
      if (c.alsoOthers !== true) {
        assert.equal(
          result.errors.length,
          1,
          `expected one error, got:\n${describeErrors(result.errors)}`,
        );
      }
      for (const e of result.errors) assert.ok(e.message.length > 0, 'every error has a message');
    });
  }

  it('covers every rule of TicketRule', () => {
    const covered = new Set(INVALID.map((c) => c.rule));
    const missing = Object.keys(TICKET_RULES).filter((rule) => !covered.has(rule));
    assert.deepEqual(missing, []);
  });

  it('has the table of at least 40 cases that the brief asks for', () => {
    assert.ok(INVALID.length >= 40);
  });
});

describe('validateTicket: every error, no cascades', () => {
  it('reports independent errors together', () => {
    const t = threeLineSale() as unknown as Record<string, unknown>;
    setAt(t, '/loyaltyCard', 'x');
    setAt(t, '/issuedAt', '2026-11-24T10:15:00');
    setAt(t, '/lines/0/gtin', '4006381333932');
    setAt(t, '/lines/1/lineNo', 1);
    setAt(t, '/lines/2/description', undefined);
    setAt(t, '/payments/0/amount', '6.30');
    const result = validateTicket(t);
    assert.ok(!result.ok);
    assert.deepEqual(result.errors.map((e) => `${e.path} ${e.rule}`).sort(), [
      '/issuedAt rfc3339-offset',
      '/lines/0/gtin gtin-check-digit',
      '/lines/1/lineNo unique-line-no',
      '/lines/2/description required',
      '/loyaltyCard additionalProperties',
      '/payments payments-total',
    ]);
  });

  it('does not check arithmetic on values that failed the schema', () => {
    // A malformed line amount makes the total and payments uncheckable,
    // not wrong: one error, not three.
    const t = threeLineSale();
    setAt(t, '/lines/0/amount', 3.98);
    const result = validateTicket(t);
    assert.ok(!result.ok);
    assert.deepEqual(
      result.errors.map((e) => `${e.path} ${e.rule}`),
      ['/lines/0/amount type'],
    );
  });

  it('skips money rules when the currency is unknown, and still checks the rest', () => {
    const t = threeLineSale();
    setAt(t, '/currency', 'ABC');
    setAt(t, '/lines/0/amount', '9.99');
    setAt(t, '/lines/2/gtin', '10012345678903');
    const result = validateTicket(t);
    assert.ok(!result.ok);
    assert.deepEqual(
      result.errors.map((e) => `${e.path} ${e.rule}`),
      ['/currency unknown-currency', '/lines/2/gtin gtin-check-digit'],
    );
  });

  it('explains a line amount with the computation', () => {
    const t = threeLineSale();
    setAt(t, '/lines/2/amount', '1.01');
    rebalance(t);
    const result = validateTicket(t);
    assert.ok(!result.ok);
    assert.match(
      result.errors[0]?.message ?? '',
      /must be 1\.00: 3 × 0\.335 − 0\.00 = 1\.005 rounded half-even, got "1\.01"/,
    );
  });

  it('never throws, whatever the input', () => {
    const inputs: unknown[] = [
      undefined,
      0,
      true,
      'x',
      [],
      [[]],
      { lines: 'x' },
      { lines: [null] },
      { payments: [1] },
    ];
    for (const input of inputs) assert.equal(validateTicket(input).ok, false);
  });
});

describe('validateTicket: valid tickets', () => {
  const VALID: { name: string; ticket: () => unknown }[] = [
    { name: 'the documented example', ticket: exampleTicket },
    {
      name: 'three lines: GTIN-8/13/14, weighed goods 0.535 kg, half-even rounding',
      ticket: threeLineSale,
    },
    { name: 'a return', ticket: returnTicket },
    {
      name: 'a sale paid partly with points through a redemption grant',
      ticket: () => ({
        ...exampleTicket(),
        payments: [
          { method: 'pointsRedeemed', amount: '1.00', grantCode: 'KQ3M7ZP2W4XJH6TNB5RC7YDA' },
          { method: 'card', amount: '2.98' },
        ],
      }),
    },
    {
      name: 'a return of a ticket from another store, with the same ticket id',
      ticket: () => ({
        ...returnTicket(),
        ticketId: '0001-20261124-000124',
        originalStoreId: 'store-002',
      }),
    },
    {
      name: 'cash with change given',
      ticket: () => ({
        ...threeLineSale(),
        payments: [{ method: 'cash', amount: '10.00' }],
        change: '3.69',
      }),
    },
    {
      name: 'split payment: voucher, card and cash with change',
      ticket: () => ({
        ...threeLineSale(),
        payments: [
          { method: 'voucher', amount: '5.00' },
          { method: 'card', amount: '1.00' },
          { method: 'cash', amount: '0.50' },
        ],
        change: '0.19',
      }),
    },
    { name: 'JPY, no decimals, with change', ticket: jpyTicket },
    { name: 'KWD, three decimals', ticket: kwdTicket },
    {
      name: 'rounding half-even both ways: 1.015 → 1.02 and 1.025 → 1.02',
      ticket: () => {
        const t = exampleTicket();
        t.lines = [
          line(1, { unitPrice: '1.015', amount: '1.02' }),
          line(2, { unitPrice: '1.025', amount: '1.02' }),
          line(3, { quantity: '3', unitPrice: '0.335', amount: '1.00' }),
          line(4, { quantity: '1.5', unitPrice: '0.99', amount: '1.48' }),
          line(5, { quantity: '2', unitPrice: '2.4999', discount: '0.50', amount: '4.50' }),
        ];
        rebalance(t);
        return t;
      },
    },
    {
      name: 'a fully discounted line and a zero total paid by a voucher of 0.00',
      ticket: () => ({
        ...exampleTicket(),
        lines: [line(1, { discount: '1.99', amount: '0.00' })],
        total: '0.00',
        payments: [{ method: 'voucher', amount: '0.00' }],
      }),
    },
    { name: 'exactly 500 lines', ticket: () => manyLines(500) },
    {
      name: 'Unicode receipt text, Z offset with nanoseconds, no customer',
      ticket: () => {
        const t = exampleTicket();
        delete t.customerId;
        t.issuedAt = '2028-02-29T23:59:59.123456789Z';
        setAt(t, '/lines/0/description', 'Crème brûlée 🍮 «maison»');
        return t;
      },
    },
    {
      name: 'taxRate 0 and 100.00',
      ticket: () => ({
        ...exampleTicket(),
        lines: [line(1, { quantity: '2', amount: '3.98', taxRate: '100.00' })],
      }),
    },
    {
      name: 'issuedAt with a negative offset',
      ticket: () => ({ ...exampleTicket(), issuedAt: '2026-11-24T04:15:00-05:00' }),
    },
  ];

  for (const c of VALID) {
    it(c.name, () => {
      const input = c.ticket();
      const result = validateTicket(input);
      assert.ok(result.ok, result.ok ? '' : describeErrors(result.errors));
      assert.equal(result.ticket, input, 'returns the very object validated');
    });
  }
});
