import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  currencyMinorUnits,
  formatMinorUnits,
  supportedCurrencies,
  toMinorUnits,
} from './currency';
import { DecimalError, type DecimalErrorCode } from './decimal';

describe('currencyMinorUnits', () => {
  const CASES: [string, number | undefined][] = [
    ['EUR', 2],
    ['USD', 2],
    ['GBP', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['ISK', 0],
    ['CLP', 0],
    ['KWD', 3],
    ['BHD', 3],
    ['TND', 3],
    ['XYZ', undefined],
    ['eur', undefined],
    ['CLF', undefined], // a unit of account, not a till currency
    ['', undefined],
    ['constructor', undefined],
  ];
  for (const [code, digits] of CASES) {
    it(`${JSON.stringify(code)} → ${String(digits)}`, () =>
      assert.equal(currencyMinorUnits(code), digits));
  }

  it('lists only three-letter upper-case codes', () => {
    const codes = supportedCurrencies();
    assert.ok(codes.length >= 50);
    for (const code of codes) assert.match(code, /^[A-Z]{3}$/);
  });
});

describe('toMinorUnits', () => {
  const CASES: [string, string, bigint][] = [
    ['3.98', 'EUR', 398n],
    ['3.9', 'EUR', 390n],
    ['3', 'EUR', 300n],
    ['0.00', 'EUR', 0n],
    ['450', 'JPY', 450n],
    ['1.5', 'KWD', 1500n],
    ['2.469', 'KWD', 2469n],
    ['90071992547409.93', 'EUR', 9007199254740993n], // past 2^53: exact as bigint
  ];
  for (const [amount, currency, units] of CASES) {
    it(`${amount} ${currency} → ${units}`, () =>
      assert.equal(toMinorUnits(amount, currency), units));
  }

  const REFUSED: [string, string, DecimalErrorCode][] = [
    ['1.234', 'EUR', 'too-many-decimals'],
    ['3.980', 'EUR', 'too-many-decimals'],
    ['450.0', 'JPY', 'too-many-decimals'],
    ['1.2345', 'KWD', 'too-many-decimals'],
    ['1e3', 'EUR', 'decimal-syntax'],
    ['01.00', 'EUR', 'decimal-syntax'],
    ['3.98', 'XYZ', 'unknown-currency'],
  ];
  for (const [amount, currency, code] of REFUSED) {
    it(`refuses ${amount} ${currency}: ${code}`, () => {
      assert.throws(
        () => toMinorUnits(amount, currency),
        (e: unknown) => e instanceof DecimalError && e.code === code,
      );
    });
  }
});

describe('formatMinorUnits', () => {
  const CASES: [bigint, string, string][] = [
    [398n, 'EUR', '3.98'],
    [5n, 'EUR', '0.05'],
    [-5n, 'EUR', '-0.05'],
    [0n, 'EUR', '0.00'],
    [450n, 'JPY', '450'],
    [2469n, 'KWD', '2.469'],
    [9007199254740993n, 'EUR', '90071992547409.93'],
  ];
  for (const [units, currency, text] of CASES) {
    it(`${units} ${currency} → ${text}`, () =>
      assert.equal(formatMinorUnits(units, currency), text));
  }

  it('round-trips with toMinorUnits for every currency', () => {
    for (const currency of supportedCurrencies()) {
      for (const units of [0n, 1n, 99n, 100n, 123456789n]) {
        assert.equal(toMinorUnits(formatMinorUnits(units, currency), currency), units);
      }
    }
  });

  it('throws for an unknown currency', () => {
    assert.throws(() => formatMinorUnits(1n, 'XYZ'), DecimalError);
  });
});
