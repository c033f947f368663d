/**
 * Currencies and their minor units (ISO 4217), and exact conversion between
 * money strings and integer minor units.
 */
import { DecimalError, formatDecimal, parseDecimal, pow10 } from './decimal';

/**
 * ISO 4217 minor-unit digits of the currencies a till may use. Fund codes
 * and precious metals (CLF, XAU, ...) are left out on purpose: nobody pays
 * for groceries in them. Adding a currency is a compatible v1 change.
 */
// prettier-ignore
const MINOR_UNITS: ReadonlyMap<string, number> = new Map(
  Object.entries({
    // Europe
    EUR: 2, GBP: 2, CHF: 2, SEK: 2, NOK: 2, DKK: 2, ISK: 0, PLN: 2, CZK: 2, HUF: 2,
    RON: 2, BGN: 2, RSD: 2, BAM: 2, MKD: 2, ALL: 2, MDL: 2, UAH: 2, TRY: 2, GEL: 2,
    // Americas
    USD: 2, CAD: 2, MXN: 2, BRL: 2, ARS: 2, CLP: 0, COP: 2, PEN: 2, UYU: 2, PYG: 0,
    BOB: 2, DOP: 2, GTQ: 2, CRC: 2, JMD: 2, TTD: 2,
    // Asia and Pacific
    JPY: 0, KRW: 0, CNY: 2, HKD: 2, TWD: 2, SGD: 2, MYR: 2, THB: 2, IDR: 2, PHP: 2,
    VND: 0, INR: 2, PKR: 2, BDT: 2, LKR: 2, KZT: 2, AUD: 2, NZD: 2, XPF: 0,
    // Middle East and Africa
    ILS: 2, AED: 2, SAR: 2, QAR: 2, KWD: 3, BHD: 3, OMR: 3, JOD: 3, IQD: 3, LYD: 3,
    TND: 3, EGP: 2, MAD: 2, DZD: 2, NGN: 2, GHS: 2, KES: 2, UGX: 0, TZS: 2, RWF: 0,
    ZAR: 2, XOF: 0, XAF: 0,
  }),
);

/**
 * Minor-unit digits of an ISO 4217 currency (EUR 2, JPY 0, KWD 3), or
 * `undefined` for a code this format does not accept.
 */
export function currencyMinorUnits(code: string): number | undefined {
  return MINOR_UNITS.get(code);
}

/** Every accepted currency code, sorted. */
export function supportedCurrencies(): string[] {
  return [...MINOR_UNITS.keys()].sort();
}

function requireMinorUnits(currency: string): number {
  const digits = MINOR_UNITS.get(currency);
  if (digits === undefined) {
    throw new DecimalError('unknown-currency', currency, `unknown currency code: "${currency}"`);
  }
  return digits;
}

/**
 * Converts a money string to integer minor units, exactly: "3.98" EUR is
 * 398n, "450" JPY is 450n, "1.5" EUR is 150n.
 *
 * @throws {DecimalError} `unknown-currency`, `decimal-syntax`, or
 *   `too-many-decimals` when the amount is finer than the currency's minor
 *   unit ("1.234" EUR, "1.5" JPY): money is never rounded silently.
 */
export function toMinorUnits(amount: string, currency: string): bigint {
  const digits = requireMinorUnits(currency);
  const { units, scale } = parseDecimal(amount);
  if (scale > digits) {
    throw new DecimalError(
      'too-many-decimals',
      amount,
      `${currency} amounts have at most ${digits} decimals: "${amount}"`,
    );
  }
  return units * pow10(digits - scale);
}

/**
 * Formats integer minor units with exactly the currency's decimals: 398n EUR
 * is "3.98", 450n JPY is "450", -5n EUR is "-0.05".
 *
 * @throws {DecimalError} `unknown-currency`.
 */
export function formatMinorUnits(units: bigint, currency: string): string {
  return formatDecimal(units, requireMinorUnits(currency));
}
