import { formatMinorUnits } from '../format/currency';

// From the module, not the format's index (see projection.ts).
export { fromMilli, toMilli } from '../format/quantity';

/** Integer minor units of `currency` as a decimal string ("3.98"). */
export function fromMinor(minor: bigint, currency: string): string {
  return formatMinorUnits(minor, currency);
}
