import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import canonicalize from 'canonicalize';
import { canonicalJson, readElements } from './tx-elements';

describe('element canonical JSON', () => {
  it('is RFC 8785 canonical JSON: the same text as canonicalize, fast path or not', () => {
    const cases: unknown[] = [
      { lineNo: 1, gtin: '2100000000180', description: 'Pen "blue"\n', amount: '3.98' },
      { b: 'x', a: 1, é: '\u2028"', c: -0, d: 1e21, e: 0.1, f: true, g: null, '\u{1F600}': 'z' },
      { lone: '\ud800', back: '\\', tab: '\t', ctrl: '\u0001', B: 'y' },
      { nested: { z: 1, b: [3, { y: 1, x: 2 }] } },
      { skipped: undefined, kept: 1 },
      [1, 'a', { b: 2, a: 1 }],
      'text',
      42,
    ];
    for (let i = 0; i < 200; i++) {
      const object: Record<string, unknown> = {};
      for (let k = 0; k < 6; k++) {
        const key = String.fromCharCode(...randomBytes(3).map((b) => 32 + (b % 200)));
        object[key] = k % 2 === 0 ? String.fromCharCode(...randomBytes(4)) : (i - 100) / 7;
      }
      cases.push(object);
    }
    for (const value of cases) assert.equal(canonicalJson(value), canonicalize(value));
  });

  it("reads a ticket's lines from its arguments, and nothing from arguments without them", () => {
    const source = { arg: 0, property: 'lines' };
    const ticket = JSON.stringify({ ticketId: 't', lines: [{ b: 1, a: 'x' }, { c: null }] });
    assert.deepEqual(readElements(source, [ticket]), ['{"a":"x","b":1}', '{"c":null}']);
    assert.deepEqual(
      readElements(source, JSON.stringify([ticket])),
      readElements(source, [ticket]),
    );
    for (const args of ['not json', '[]', '["{}"]', '["[1]"]', '["{\\"lines\\":3}"]', '[7]']) {
      assert.equal(readElements(source, args), undefined, args);
    }
  });
});
