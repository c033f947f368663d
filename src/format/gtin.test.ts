import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  GtinError,
  companyPrefixSpace,
  gtinCheckDigit,
  isValidCompanyPrefix,
  isValidGtin,
  toGtin14,
} from './gtin';

// Published GTINs of every length (GS1 examples, a UPC-A and an ISBN-13).
const VALID = [
  '96385074', // GTIN-8
  '036000291452', // GTIN-12 (UPC-A)
  '4006381333931', // GTIN-13
  '9780201379624', // GTIN-13 (ISBN)
  '10012345678902', // GTIN-14
];

/** A reference check digit, written differently from the one under test. */
function referenceCheckDigit(body: string): number {
  const digits = [...body].reverse().map(Number);
  const sum = digits.reduce((s, d, i) => s + (i % 2 === 0 ? 3 * d : d), 0);
  return Math.ceil(sum / 10) * 10 - sum;
}

/** `body` completed with its check digit. */
function withCheckDigit(body: string): string {
  return body + String(referenceCheckDigit(body));
}

describe('gtinCheckDigit', () => {
  const CASES: [string, number][] = [
    ['9638507', 4],
    ['03600029145', 2],
    ['400638133393', 1],
    ['978020137962', 4],
    ['1001234567890', 2],
    ['0000000', 0],
  ];
  for (const [body, digit] of CASES) {
    it(`${body} → ${digit}`, () => assert.equal(gtinCheckDigit(body), digit));
  }

  it('agrees with a reference implementation on many bodies', () => {
    for (let n = 0; n < 2000; n++) {
      const body = String((n * 7919 * 104729) % 1e13).padStart(13, '0');
      for (const length of [7, 11, 12, 13]) {
        const b = body.slice(0, length);
        assert.equal(gtinCheckDigit(b), referenceCheckDigit(b), b);
      }
    }
  });

  for (const bad of ['', '12a4', ' 123', '１２３']) {
    it(`throws for ${JSON.stringify(bad)}`, () =>
      assert.throws(() => gtinCheckDigit(bad), GtinError));
  }
});

describe('isValidGtin', () => {
  for (const gtin of VALID) {
    it(`accepts ${gtin}`, () => assert.equal(isValidGtin(gtin), true));
    it(`detects every single-digit error in ${gtin}`, () => {
      for (let i = 0; i < gtin.length; i++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === gtin[i]) continue;
          const probe = gtin.slice(0, i) + String(d) + gtin.slice(i + 1);
          assert.equal(isValidGtin(probe), false, probe);
        }
      }
    });
  }

  const INVALID = [
    '',
    '9638507',
    '963850744',
    '40063813339',
    '400638133393 ',
    '4006381333931\n',
    '400638133393X',
    '-96385074',
    '400638133393100',
  ];
  for (const text of INVALID) {
    it(`refuses ${JSON.stringify(text)}`, () => assert.equal(isValidGtin(text), false));
  }
});

describe('toGtin14', () => {
  it('left-pads every length to 14 digits', () => {
    assert.deepEqual(VALID.map(toGtin14), [
      '00000096385074',
      '00036000291452',
      '04006381333931',
      '09780201379624',
      '10012345678902',
    ]);
  });
  it('throws for an invalid GTIN', () => assert.throws(() => toGtin14('4006381333932'), GtinError));
});

describe('companyPrefixSpace', () => {
  const CASES: [string, string, string | undefined][] = [
    ['GTIN-13', '4006381333931', '400638133393'],
    ['GTIN-12 gets a leading 0', '036000291452', '003600029145'],
    ['GTIN-14 drops its indicator digit', '10012345678902', '001234567890'],
    ['GTIN-14 with indicator 0 is its GTIN-13', '04006381333931', '400638133393'],
    ['GTIN-13 ISBN', '9780201379624', '978020137962'],
    ['GTIN-13 starting 01 (not restricted)', withCheckDigit('012345678901'), '012345678901'],
    ['GTIN-13 starting 03', withCheckDigit('030000000001'), '030000000001'],
    ['GTIN-13 starting 19', withCheckDigit('190000000001'), '190000000001'],
    ['GTIN-13 starting 30', withCheckDigit('300000000001'), '300000000001'],
    ['GTIN-8', '96385074', undefined],
    ['GTIN-8 padded to 13 digits', '0000096385074', undefined],
    ['GTIN-8 inside a GTIN-14', withCheckDigit('1000009638507'), undefined],
    ['restricted 02 (weighed goods)', withCheckDigit('021234500150'), undefined],
    ['restricted 04 (in-store)', withCheckDigit('041234567890'), undefined],
    ['restricted 20', withCheckDigit('200000000001'), undefined],
    ['restricted 29', withCheckDigit('299999999999'), undefined],
    ['GTIN-12 starting 2 (variable measure) is 02', withCheckDigit('21234500150'), undefined],
    ['GTIN-12 starting 4 (in-store) is 04', withCheckDigit('41234567890'), undefined],
    ['GTIN-14 around a restricted GTIN-13', withCheckDigit('9210000000001'), undefined],
  ];
  for (const [name, gtin, expected] of CASES) {
    it(`${name}: ${gtin} → ${String(expected)}`, () => {
      assert.ok(isValidGtin(gtin), `fixture ${gtin} must be valid`);
      assert.equal(companyPrefixSpace(gtin), expected);
    });
  }

  for (const bad of ['4006381333932', '40063813339', '', 'abc']) {
    it(`throws for ${JSON.stringify(bad)}: undefined means unattributable, not invalid`, () => {
      assert.throws(() => companyPrefixSpace(bad), GtinError);
    });
  }
});

describe('isValidCompanyPrefix', () => {
  const CASES: [string, boolean][] = [
    ['4006', true],
    ['4006381', true],
    ['400638133393', true],
    ['400', false],
    ['4006381333931', false],
    ['40063a', false],
    ['', false],
    [' 4006', false],
  ];
  for (const [text, expected] of CASES) {
    it(`${JSON.stringify(text)} → ${expected}`, () =>
      assert.equal(isValidCompanyPrefix(text), expected));
  }
});
