/**
 * Exact decimal numbers as scaled bigints: the value is `units / 10^scale`.
 * No floating point anywhere: `0.1 + 0.2` must be `0.3` on a receipt.
 */

/** A decimal number: `units × 10^-scale`, e.g. "12.50" is `{ units: 1250n, scale: 2 }`. */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

/** Why a decimal or money operation refused its input. */
export type DecimalErrorCode = 'decimal-syntax' | 'too-many-decimals' | 'unknown-currency';

/** Thrown by the decimal and money helpers; `code` says why, `input` says what. */
export class DecimalError extends Error {
  override readonly name = 'DecimalError';

  constructor(
    readonly code: DecimalErrorCode,
    readonly input: string,
    message: string,
  ) {
    super(message);
  }
}

// Plain decimal notation only: an optional '-', no '+', no exponent, no
// leading zeros ("01.5"), at least one digit on each side of the point.
const DECIMAL = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;
const MAX_DECIMAL_LENGTH = 64;

const POWERS_OF_TEN: bigint[] = [];
for (let i = 0, p = 1n; i <= 32; i++, p *= 10n) POWERS_OF_TEN.push(p);

/** 10^n as a bigint (cached for the small exponents money needs). */
export function pow10(n: number): bigint {
  return POWERS_OF_TEN[n] ?? 10n ** BigInt(n);
}

/**
 * Parses a plain decimal string exactly.
 *
 * Accepts `-?(0|[1-9][0-9]*)(\.[0-9]+)?`; the scale is the number of digits
 * written after the point, so "1.50" has scale 2. Negative zero ("-0",
 * "-0.00") is refused: it has no canonical meaning on a receipt.
 *
 * @throws {DecimalError} `decimal-syntax` for anything else ("1e3", "+1", "01.5", ".5", "1,50").
 * @example parseDecimal('12.50') // { units: 1250n, scale: 2 }
 */
export function parseDecimal(text: string): Decimal {
  if (text.length > MAX_DECIMAL_LENGTH || !DECIMAL.test(text)) {
    throw new DecimalError('decimal-syntax', text, `not a plain decimal number: "${text}"`);
  }
  const value = parseDecimalUnchecked(text);
  if (value.units === 0n && text.startsWith('-')) {
    throw new DecimalError('decimal-syntax', text, `negative zero is not allowed: "${text}"`);
  }
  return value;
}

/**
 * Same as {@link parseDecimal} for text already known to match the syntax
 * (the schema checked it): skips the regular expression on the hot path.
 * @internal
 */
export function parseDecimalUnchecked(text: string): Decimal {
  const point = text.indexOf('.');
  if (point < 0) return { units: BigInt(text), scale: 0 };
  return {
    units: BigInt(text.slice(0, point) + text.slice(point + 1)),
    scale: text.length - point - 1,
  };
}

/** Number of digits after the decimal point of a plain decimal string. */
export function decimalPlaces(text: string): number {
  const point = text.indexOf('.');
  return point < 0 ? 0 : text.length - point - 1;
}

/**
 * Re-expresses `units` (at `fromScale`) at `toScale`, rounding half to even
 * when digits are dropped ("banker's rounding": 1.005 → 1.00, 1.015 → 1.02),
 * symmetrically for negative values. Increasing the scale is exact.
 *
 * @example roundHalfEven(1005n, 3, 2) // 100n
 */
export function roundHalfEven(units: bigint, fromScale: number, toScale: number): bigint {
  if (toScale >= fromScale) return units * pow10(toScale - fromScale);
  return divideHalfEven(units, pow10(fromScale - toScale));
}

/**
 * Formats `units × 10^-scale` as a plain decimal string with exactly `scale`
 * decimals, e.g. `formatDecimal(-5n, 2)` is "-0.05".
 */
export function formatDecimal(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString();
  const sign = negative ? '-' : '';
  if (scale === 0) return sign + digits;
  const padded = digits.padStart(scale + 1, '0');
  const point = padded.length - scale;
  return `${sign}${padded.slice(0, point)}.${padded.slice(point)}`;
}

/**
 * `numerator / denominator` rounded half to even, for a positive
 * denominator: the exact quotient of two integers, without a detour through
 * a scale (a return's refund is the sale's amount × a quantity ratio).
 *
 * @example divideHalfEven(500n, 3n) // 167n; divideHalfEven(5n, 2n) // 2n
 */
export function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('divideHalfEven: the denominator must be positive');
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  let quotient = magnitude / denominator;
  const twiceRemainder = (magnitude % denominator) * 2n;
  if (twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2n === 1n)) {
    quotient += 1n;
  }
  return negative ? -quotient : quotient;
}
