/**
 * GS1 Global Trade Item Numbers: check digits, normalisation, and the digits
 * in which a manufacturer's GS1 company prefix is found.
 */

/** Thrown when a GTIN helper is given something that is not a valid GTIN. */
export class GtinError extends Error {
  override readonly name = 'GtinError';

  constructor(
    readonly input: string,
    message: string,
  ) {
    super(message);
  }
}

const GTIN = /^(?:[0-9]{8}|[0-9]{12,14})$/;
const DIGITS = /^[0-9]+$/;
const COMPANY_PREFIX = /^[0-9]{4,12}$/;

/**
 * The GS1 check digit for `body` (the GTIN without its check digit):
 * weights 3, 1, 3, ... from the rightmost digit, then the distance to the
 * next multiple of ten (GS1 General Specifications §7.9.1).
 *
 * @throws {GtinError} when `body` is empty or not all digits.
 * @example gtinCheckDigit('400638133393') // 1
 */
export function gtinCheckDigit(body: string): number {
  if (!DIGITS.test(body)) throw new GtinError(body, `GTIN body must be digits: "${body}"`);
  let sum = 0;
  for (let i = body.length - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
    sum += (body.charCodeAt(i) - 48) * weight;
  }
  return (10 - (sum % 10)) % 10;
}

/** True for a GTIN-8, -12, -13 or -14 (digits only) whose check digit is right. */
export function isValidGtin(text: string): boolean {
  return (
    GTIN.test(text) && gtinCheckDigit(text.slice(0, -1)) === text.charCodeAt(text.length - 1) - 48
  );
}

function requireGtin(gtin: string): void {
  if (!isValidGtin(gtin)) throw new GtinError(gtin, `not a valid GTIN: "${gtin}"`);
}

/**
 * The 14-digit form of a GTIN (left-padded with zeros), the form GS1 uses to
 * compare GTINs of different lengths.
 *
 * @throws {GtinError} when `gtin` is not a valid GTIN.
 * @example toGtin14('4006381333931') // '04006381333931'
 */
export function toGtin14(gtin: string): string {
  requireGtin(gtin);
  return gtin.padStart(14, '0');
}

/**
 * The 12 digits in which GS1 company prefixes are matched: the GTIN-13 view
 * without its check digit. A GTIN-12 gets a leading 0; a GTIN-14 drops its
 * indicator digit and its check digit.
 *
 * Returns `undefined` when the GTIN must not be attributed to a manufacturer
 * by prefix:
 * - GTIN-8 (also zero-padded, or inside a GTIN-14): GS1-8 prefixes are
 *   allocated separately; unattributed in v1.
 * - restricted circulation numbers, GTIN-13 view starting 02, 04 or 20-29:
 *   in-store weighed goods, coupons and own brands, whose meaning is local
 *   to a store or country (GS1 General Specifications §1.4.2).
 *
 * @throws {GtinError} when `gtin` is not a valid GTIN: `undefined` means
 *   "valid but not attributable", never "garbage".
 * @example companyPrefixSpace('4006381333931') // '400638133393'
 */
export function companyPrefixSpace(gtin: string): string | undefined {
  const space = toGtin14(gtin).slice(1, 13);
  // GTIN-8s, also when padded into a longer field or packed in a GTIN-14,
  // start with 00000 in the GTIN-13 view; GS1 keeps 0000001-0000099 unused
  // so that nothing else does.
  if (space.startsWith('00000')) return undefined;
  const first = space.charCodeAt(0) - 48;
  const second = space.charCodeAt(1) - 48;
  if (first === 2 || (first === 0 && (second === 2 || second === 4))) return undefined;
  return space;
}

/** True for a GS1 company prefix as claimed by a manufacturer: 4 to 12 digits. */
export function isValidCompanyPrefix(text: string): boolean {
  return COMPANY_PREFIX.test(text);
}
