/**
 * Amounts arrive as decimal strings ("12.34") and are never turned into
 * binary floating point: Intl.NumberFormat formats the string itself
 * (ECMA-402 accepts a numeric string and keeps every digit).
 */
export function formatMoney(amount: string, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
    amount as Intl.StringNumericLiteral,
  );
}

/** A count (points), grouped the way the locale groups digits. */
export function formatCount(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** A date and time, in the reader's time zone. */
export function formatDateTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}
