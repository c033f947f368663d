import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { CanonicalJsonError, canonicalJson, contentHash } from './canonical';
import { exampleTicket } from './fixtures';

describe('canonicalJson (RFC 8785)', () => {
  it('canonicalizes the JCS reference sample, byte for byte in UTF-8', () => {
    // cyberphone/json-canonicalization README, by the RFC 8785 authors.
    const input = JSON.parse(
      '{"numbers": [1E30, 4.50, 6, 2e-3, 0.000000000000000000000000001],' +
        ' "escaping": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        ' "other": [null, true, false]}',
    );
    const expected =
      '7b 22 65 73 63 61 70 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30 30 66 5c 6e 41 27 42 5c 22 5c 5c ' +
      '5c 5c 5c 22 2f 22 2c 22 6e 75 6d 62 65 72 73 22 3a 5b 31 65 2b 33 30 2c 34 2e 35 2c 36 2c 30 2e ' +
      '30 30 32 2c 31 65 2d 32 37 5d 2c 22 6f 74 68 65 72 22 3a 5b 6e 75 6c 6c 2c 74 72 75 65 2c 66 61 ' +
      '6c 73 65 5d 7d';
    const text = canonicalJson(input);
    assert.equal(
      text,
      '{"escaping":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/","numbers":[1e+30,4.5,6,0.002,1e-27],"other":[null,true,false]}',
    );
    assert.equal(Buffer.from(text, 'utf8').toString('hex'), expected.replace(/ /g, ''));
  });

  it('sorts keys by UTF-16 code units, not code points (RFC 8785 §3.2.3)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // The emoji (U+1F600, first unit 0xD83D) sorts before U+FB33. Compared
    // as text: JSON.parse would move the integer-like key "1" first.
    assert.equal(
      canonicalJson(input),
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control",' +
        '"\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign",' +
        '"\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  const NUMBERS: [number, string][] = [
    [0, '0'],
    [-0, '0'],
    [0.1, '0.1'],
    [4.5, '4.5'],
    [1e20, '100000000000000000000'],
    [1e21, '1e+21'],
    [1e-6, '0.000001'],
    [1e-7, '1e-7'],
    [5e-324, '5e-324'],
    [Number.MAX_VALUE, '1.7976931348623157e+308'],
    [9007199254740992, '9007199254740992'],
    // The RFC 8785 sample's input, more digits than a double holds: parsed as JSON would be.
    [JSON.parse('333333333.33333329') as number, '333333333.3333333'],
  ];
  for (const [value, expected] of NUMBERS) {
    it(`serializes the number ${expected} as ECMAScript does (§3.2.2.3)`, () => {
      assert.equal(canonicalJson([value]), `[${expected}]`);
    });
  }

  it('escapes strings minimally (§3.2.2.2)', () => {
    assert.equal(canonicalJson('é\u2028"\\\u0001\t/'), '"é\u2028\\"\\\\\\u0001\\t/"');
  });

  it('drops undefined properties and honours toJSON', () => {
    assert.equal(
      canonicalJson({ b: undefined, a: new Date(0) }),
      '{"a":"1970-01-01T00:00:00.000Z"}',
    );
  });

  const REFUSED: [string, unknown][] = [
    ['undefined', undefined],
    ['a function', () => 1],
    ['a nested function', { a: () => 1 }],
    ['a function in an array', [() => 1]],
    ['NaN', [NaN]],
    ['Infinity', { a: Infinity }],
    ['a bigint', { a: 1n }],
    ['a lone high surrogate', { a: 'x\ud800' }],
    ['a lone low surrogate in a key', { '\udc00': 1 }],
    ['a lone surrogate after an escaped backslash', ['\\\ud800']],
  ];
  for (const [name, value] of REFUSED) {
    it(`refuses ${name}`, () => {
      assert.throws(() => canonicalJson(value), CanonicalJsonError);
    });
  }

  it('accepts text that only looks like an escape or the word undefined', () => {
    assert.equal(canonicalJson(['\\ud800', 'undefined']), '["\\\\ud800","undefined"]');
    assert.equal(canonicalJson('😀'), '"😀"');
  });

  it('writes what the canonicalize library writes, on its fast path and off it (property)', () => {
    const offTheFastPath = [
      { '10': 1, '9': 2, a: 3 },
      JSON.parse('{"__proto__": {"b": 1, "a": 2}, "z": 0}') as unknown,
      { a: { toJSON: () => ({ y: 1, x: 2 }) } },
      Object.assign(Object.create({ inherited: 1 }) as object, { own: 2 }),
    ];
    for (const value of offTheFastPath) assert.equal(canonicalJson(value), canonicalize(value));
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        assert.equal(canonicalJson(value), canonicalize(value));
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent and independent of key order (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        assert.equal(canonicalJson(JSON.parse(text)), text);
        assert.equal(canonicalJson(reverseKeys(value)), text);
      }),
    );
  });
});

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).reverse();
  return Object.fromEntries(entries.map(([k, v]) => [k, reverseKeys(v)]));
}

describe('contentHash', () => {
  it('is the SHA-256 of the canonical UTF-8 bytes, in lowercase hex', () => {
    // Computed independently with Python: json.dumps(sort_keys=True,
    // separators=(',', ':'), ensure_ascii=False), then hashlib.sha256.
    assert.equal(
      contentHash(exampleTicket()),
      '7c5159e3be667b016f35333cb4d3d261ef759508de5ff2aca9e323f8b904ff44',
    );
    assert.equal(
      contentHash({}),
      '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
    );
  });

  it('hashes non-ASCII text as UTF-8', () => {
    const expected = createHash('sha256')
      .update(Buffer.from('"\u00e9\ud83d\ude00"', 'utf8'))
      .digest('hex');
    assert.equal(contentHash('é😀'), expected);
    assert.notEqual(
      contentHash('é😀'),
      createHash('sha256').update('"é😀"', 'latin1').digest('hex'),
    );
  });

  it('is the same for the same ticket with keys in another order', () => {
    const ticket = exampleTicket();
    const shuffled = reverseKeys(JSON.parse(JSON.stringify(ticket)));
    assert.notEqual(JSON.stringify(shuffled), JSON.stringify(ticket));
    assert.equal(contentHash(shuffled), contentHash(ticket));
  });

  it('changes with any value, and with array order', () => {
    const base = contentHash(exampleTicket());
    const cent = exampleTicket();
    cent.total = '3.99';
    assert.notEqual(contentHash(cent), base);
    const twoPayments = exampleTicket();
    twoPayments.payments = [
      { method: 'card', amount: '1.98' },
      { method: 'cash', amount: '2.00' },
    ];
    const swapped = exampleTicket();
    swapped.payments = [...twoPayments.payments].reverse();
    assert.notEqual(contentHash(twoPayments), contentHash(swapped));
  });
});
