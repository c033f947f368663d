/**
 * docs/ticket-format.md is the integrators' reference: these tests fail when
 * it stops matching the code (a rule left undocumented, a field missing, the
 * example or its hash out of date).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { canonicalJson, contentHash } from './canonical';
import { currencyMinorUnits, supportedCurrencies } from './currency';
import { exampleTicket, line } from './fixtures';
import { LIMIT_RULES, SCHEMA_KEYWORDS, TICKET_RULES } from './rules';
import { ticketSchema } from './schema';
import { validateTicket } from './validate';

// Compiled tests run from dist/src/format; the doc lives at the repository root.
const DOC = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'ticket-format.md'), 'utf8');

function codeBlocks(language: string): string[] {
  const fence = new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g');
  return [...DOC.matchAll(fence)].map((m) => m[1] as string);
}

describe('docs/ticket-format.md', () => {
  it('documents every rule, schema keyword and structural limit', () => {
    const names = [
      ...Object.keys(TICKET_RULES),
      ...Object.keys(SCHEMA_KEYWORDS),
      ...Object.keys(LIMIT_RULES),
    ];
    const missing = names.filter((name) => !DOC.includes(`| \`${name}\``));
    assert.deepEqual(missing, []);
  });

  it('documents every field', () => {
    const fields = [
      ...Object.keys(ticketSchema.properties),
      ...Object.keys(ticketSchema.$defs.line.properties),
      ...Object.keys(ticketSchema.$defs.payment.properties),
    ];
    const missing = fields.filter((field) => !DOC.includes(`\`${field}\``));
    assert.deepEqual(missing, []);
  });

  it('shows the example ticket, valid, with its canonical form and hash', () => {
    const example = JSON.parse(codeBlocks('json')[0] ?? 'null') as unknown;
    assert.deepEqual(example, exampleTicket());
    assert.ok(validateTicket(example).ok);
    assert.ok(DOC.includes(canonicalJson(example)), 'canonical form out of date');
    assert.ok(DOC.includes(contentHash(example)), 'content hash out of date');
  });

  it('gives every error example a rule and path the validator really reports', () => {
    // The error-response example in the doc must be real output.
    const block = codeBlocks('json').find((b) => b.includes('"errors"'));
    assert.ok(block, 'no error example');
    const documented = JSON.parse(block) as { errors: { path: string; rule: string }[] };
    const input = JSON.parse(
      codeBlocks('json').find((b) => b.includes('"loyaltyCard"')) ?? 'null',
    ) as unknown;
    const result = validateTicket(input);
    assert.ok(!result.ok);
    assert.deepEqual(
      result.errors.map((e) => ({ path: e.path, rule: e.rule, message: e.message })),
      documented.errors,
    );
  });

  it('lists every supported currency under its minor units', () => {
    const listed = new Map<string, number>();
    for (const m of DOC.matchAll(/^- ([023]) decimals: ([A-Z, \n]+?)\n(?=\n|- )/gm)) {
      for (const code of (m[2] as string).split(/[,\s]+/).filter(Boolean))
        listed.set(code, Number(m[1]));
    }
    assert.deepEqual([...listed.keys()].sort(), supportedCurrencies());
    for (const [code, digits] of listed) assert.equal(currencyMinorUnits(code), digits, code);
  });

  it('computes every line of the rounding table as the validator does', () => {
    const rows = [
      ...DOC.matchAll(
        /^\| ([0-9.]+) (?:kg )?× ([0-9.]+) − ([0-9.]+) \(([A-Z]{3})\)\s*\|[^|]*\|\s*([0-9.]+|—)\s*\|/gm,
      ),
    ];
    assert.ok(rows.length >= 8, `only ${rows.length} rows found`);
    for (const [row, quantity, unitPrice, discount, currency, amount] of rows) {
      const t = exampleTicket();
      t.currency = currency as string;
      const expected = amount === '—' ? '0' : (amount as string);
      t.lines = [line(1, { quantity, unitPrice, discount, amount: expected })];
      t.total = expected;
      t.payments = [{ method: 'cash', amount: expected }];
      const result = validateTicket(t);
      if (amount === '—') {
        assert.ok(!result.ok && result.errors.some((e) => e.rule === 'line-discount'), row);
      } else {
        assert.ok(result.ok, `${row}: ${JSON.stringify(result.ok ? [] : result.errors)}`);
      }
    }
  });
});
