import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  DecimalError,
  divideHalfEven,
  formatDecimal,
  parseDecimal,
  roundHalfEven,
} from './decimal';

describe('parseDecimal', () => {
  const VALID: [string, bigint, number][] = [
    ['0', 0n, 0],
    ['0.00', 0n, 2],
    ['7', 7n, 0],
    ['3.98', 398n, 2],
    ['0.535', 535n, 3],
    ['12.50', 1250n, 2],
    ['-1.5', -15n, 1],
    ['123456789012345678901234567890.123', 123456789012345678901234567890123n, 3],
  ];
  for (const [text, units, scale] of VALID) {
    it(`${JSON.stringify(text)} → ${units} × 10^-${scale}`, () => {
      assert.deepEqual(parseDecimal(text), { units, scale });
    });
  }

  const INVALID = [
    '',
    '1e3',
    '1E3',
    '+1',
    '01.5',
    '00',
    '.5',
    '5.',
    '1,50',
    ' 1',
    '1 ',
    '-0',
    '-0.00',
    '--1',
    '0x10',
    'NaN',
    'Infinity',
    '١',
    '1_000',
    '9'.repeat(65),
  ];
  for (const text of INVALID) {
    it(`refuses ${JSON.stringify(text)}`, () => {
      assert.throws(
        () => parseDecimal(text),
        (e: unknown) =>
          e instanceof DecimalError && e.code === 'decimal-syntax' && e.input === text,
      );
    });
  }
});

describe('roundHalfEven', () => {
  const CASES: [bigint, number, number, bigint][] = [
    [1005n, 3, 2, 100n], // 1.005 → 1.00: the tie goes to the even neighbour
    [1015n, 3, 2, 102n], // 1.015 → 1.02
    [1025n, 3, 2, 102n], // 1.025 → 1.02
    [10051n, 4, 2, 101n], // 1.0051 → 1.01: above the tie
    [10049n, 4, 2, 100n],
    [133215n, 5, 2, 133n], // 0.535 × 2.49
    [5n, 1, 0, 0n], // 0.5 → 0
    [15n, 1, 0, 2n], // 1.5 → 2
    [25n, 1, 0, 2n], // 2.5 → 2
    [-1005n, 3, 2, -100n], // symmetric for negatives
    [-1015n, 3, 2, -102n],
    [-10051n, 4, 2, -101n],
    [0n, 7, 2, 0n],
    [398n, 2, 2, 398n],
    [398n, 2, 4, 39800n], // increasing the scale is exact
    [450n, 0, 2, 45000n],
  ];
  for (const [units, from, to, expected] of CASES) {
    it(`${formatDecimal(units, from)} at ${to} decimals → ${formatDecimal(expected, to)}`, () => {
      assert.equal(roundHalfEven(units, from, to), expected);
    });
  }

  it('matches a string-based reference implementation (property)', () => {
    fc.assert(
      fc.property(fc.bigInt(-(10n ** 20n), 10n ** 20n), fc.nat(9), fc.nat(9), (units, from, to) => {
        assert.equal(roundHalfEven(units, from, to), referenceRound(units, from, to));
      }),
      { numRuns: 2000 },
    );
  });
});

/** Obviously-correct rounding by reading the dropped digits as text. */
function referenceRound(units: bigint, from: number, to: number): bigint {
  if (to >= from) return units * 10n ** BigInt(to - from);
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(from + 1, '0');
  const cut = digits.length - (from - to);
  let kept = BigInt(digits.slice(0, cut));
  const dropped = digits.slice(cut);
  const half = '5' + '0'.repeat(dropped.length - 1);
  if (dropped > half || (dropped === half && kept % 2n === 1n)) kept += 1n;
  return negative ? -kept : kept;
}

describe('formatDecimal', () => {
  const CASES: [bigint, number, string][] = [
    [0n, 2, '0.00'],
    [5n, 2, '0.05'],
    [-5n, 2, '-0.05'],
    [398n, 2, '3.98'],
    [450n, 0, '450'],
    [1234n, 3, '1.234'],
    [-1234n, 0, '-1234'],
  ];
  for (const [units, scale, text] of CASES) {
    it(`${units} at scale ${scale} → ${text}`, () =>
      assert.equal(formatDecimal(units, scale), text));
  }

  it('round-trips with parseDecimal (property)', () => {
    fc.assert(
      fc.property(fc.bigInt(-(10n ** 30n), 10n ** 30n), fc.nat(12), (units, scale) => {
        assert.deepEqual(parseDecimal(formatDecimal(units, scale)), { units, scale });
      }),
    );
  });
});

describe('divideHalfEven', () => {
  const CASES: [bigint, bigint, bigint][] = [
    [1000n, 3n, 333n], // 10.00 × 1/3
    [2000n, 3n, 667n], // 10.00 × 2/3
    [5n, 2n, 2n], // 2.5 → 2: the tie goes to the even neighbour
    [7n, 2n, 4n], // 3.5 → 4
    [-5n, 2n, -2n], // symmetric for negatives
    [0n, 9n, 0n],
    [999n, 1n, 999n],
  ];
  for (const [n, d, expected] of CASES) {
    it(`${n} / ${d} → ${expected}`, () => assert.equal(divideHalfEven(n, d), expected));
  }

  it('refuses a denominator that is not positive', () => {
    assert.throws(() => divideHalfEven(1n, 0n), RangeError);
    assert.throws(() => divideHalfEven(1n, -2n), RangeError);
  });

  it('is the nearest integer, ties to even (property)', () => {
    fc.assert(
      fc.property(fc.bigInt(-(10n ** 18n), 10n ** 18n), fc.bigInt(1n, 10n ** 9n), (n, d) => {
        const q = divideHalfEven(n, d);
        const twiceError = 2n * (n - q * d); // 2 × (n/d − q) × d
        const bound = d;
        assert.ok(twiceError <= bound && twiceError >= -bound, `${n}/${d} → ${q}`);
        if (twiceError === bound || twiceError === -bound) assert.equal(q % 2n, 0n);
      }),
      { numRuns: 2000 },
    );
  });
});
