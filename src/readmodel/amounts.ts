import { formatMinorUnits } from '../format/currency';
import { formatDecimal, parseDecimal, roundHalfEven } from '../format/decimal';

/** Quantities are kept as integer thousandths: the format allows three decimals. */
const QUANTITY_SCALE = 3;

/** A decimal quantity string as integer thousandths (exact). */
export function toMilli(quantity: string): bigint {
  const d = parseDecimal(quantity);
  return roundHalfEven(d.units, d.scale, QUANTITY_SCALE);
}

/** Integer thousandths back to the shortest decimal string ("2", "0.535"). */
export function fromMilli(milli: bigint): string {
  const text = formatDecimal(milli, QUANTITY_SCALE);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** Integer minor units of `currency` as a decimal string ("3.98"). */
export function fromMinor(minor: bigint, currency: string): string {
  return formatMinorUnits(minor, currency);
}
