/** A decimal string (a quantity, a price) in the locale's digits, every digit kept. */
export function formatDecimal(value: string, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 20 }).format(
    value as Intl.StringNumericLiteral,
  );
}

/** Local midnight of a local date (YYYY-MM-DD), as an RFC 3339 instant. */
export function startOfDay(date: string, daysLater = 0): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + daysLater).toISOString();
}

/** Is `date` a local date the API takes (YYYY-MM-DD, a real day)? */
export function isDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(Date.parse(date));
}

/** A local date (YYYY-MM-DD) as the locale writes it. */
export function formatLocalDate(date: string, locale: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(y, m - 1, d));
}
