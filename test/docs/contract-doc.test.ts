import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { ACCESS } from '../../src/contract';

const ROLES = ['operator', 'collector', 'query', 'store', 'manufacturer', 'auditor'];

it('docs/contract.md shows exactly the access table of the code', () => {
  const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'contract.md'), 'utf8');
  const documented = new Map<string, string[]>();
  for (const line of doc.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length !== ROLES.length + 3 || !/^[A-Z][A-Za-z]+$/.test(cells[1] ?? '')) continue;
    documented.set(
      cells[1]!,
      ROLES.filter((_, i) => cells[i + 2] === 'yes'),
    );
  }
  const code = new Map(
    Object.entries(ACCESS).map(([tx, roles]) => [
      tx,
      ROLES.filter((r) => (roles as readonly string[]).includes(r)),
    ]),
  );
  assert.deepEqual(Object.fromEntries(documented), Object.fromEntries(code));
});
