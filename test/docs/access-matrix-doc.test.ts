/**
 * docs/api.md's "Who sees what" table is the access policy printed: this
 * fails when the document and `src/access/rules.ts` part ways. Regenerate
 * the table with `node scripts/access-matrix.mjs --write`.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { accessMatrix } from '../../src/access';

const START = '<!-- access-matrix:start (generated from src/access/rules.ts) -->';
const END = '<!-- access-matrix:end -->';

describe('docs/api.md access matrix', () => {
  it('is the table the access policy prints', () => {
    const doc = readFileSync(join(__dirname, '../../../docs/api.md'), 'utf8');
    const start = doc.indexOf(START);
    const end = doc.indexOf(END);
    assert.ok(start >= 0 && end > start, `docs/api.md has no ${START} … ${END} block`);
    const table = doc.slice(start + START.length, end);
    assert.deepEqual(
      cells(table),
      cells(accessMatrix()),
      'run: node scripts/access-matrix.mjs --write',
    );
  });
});

/** A Markdown table's cells, as Prettier's padding and rule widths leave them unchanged. */
function cells(table: string): string[][] {
  return table
    .trim()
    .split('\n')
    .map((row) =>
      row
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((cell) => cell.trim().replace(/^-+$/, '---')),
    );
}
