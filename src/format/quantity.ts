/**
 * Quantities as integer thousandths, exact: the format allows three
 * decimals, so every quantity on a ticket is a whole number of them.
 */
import { formatDecimal, parseDecimal, roundHalfEven } from './decimal';

const QUANTITY_SCALE = 3;

/** A decimal quantity string ("2", "0.535") as integer thousandths. */
export function toMilli(quantity: string): bigint {
  const d = parseDecimal(quantity);
  return roundHalfEven(d.units, d.scale, QUANTITY_SCALE);
}

/** Integer thousandths back to the shortest decimal string ("2", "0.535"). */
export function fromMilli(milli: bigint): string {
  const text = formatDecimal(milli, QUANTITY_SCALE);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
