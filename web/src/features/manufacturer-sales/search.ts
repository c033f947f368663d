import { localDate } from '../sales/api/get-sales';
import { isDate } from '../store-tickets/format';

/**
 * Every filter of the dashboard lives in the URL (TanStack Router's
 * validateSearch), so that a view can be shared and bookmarked. A value the
 * API would refuse is dropped here, not sent.
 */
export interface DashboardSearch {
  from: string;
  to: string;
  granularity: 'day' | 'hour';
  storeId?: string;
  gtin?: string;
  groupBy?: 'store' | 'gtin' | 'store,gtin';
}

/** The drill-down's search: a window of local dates and, optionally, an hour, a store, a product. */
export interface LinesSearch {
  from: string;
  to: string;
  hour?: number;
  storeId?: string;
  gtin?: string;
}

const GROUPINGS = ['store', 'gtin', 'store,gtin'] as const;
const GTIN = /^\d{8}$|^\d{12,14}$/;
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** `days` days before `date` (a local date), as a local date. */
export function daysBefore(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return localDate(new Date(y, m - 1, d - days));
}

/**
 * A text filter. The router reads `?gtin=4006380000016` typed by hand as a
 * number (its search parser is JSON's); the app's own links quote such
 * values, so a number is taken back as its digits (a leading zero typed by
 * hand is lost: quote it, as the app's links do).
 */
const text = (value: unknown, pattern: RegExp): string | undefined => {
  const raw = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  return typeof raw === 'string' && pattern.test(raw) ? raw : undefined;
};

/** The window, or the last 7 days (today included) when the URL has none or a wrong one. */
function dateWindow(search: Record<string, unknown>): { from: string; to: string } {
  const today = localDate(new Date());
  const to = typeof search.to === 'string' && isDate(search.to) ? search.to : today;
  const from =
    typeof search.from === 'string' && isDate(search.from) && search.from <= to
      ? search.from
      : daysBefore(to, 6);
  return { from, to };
}

/** Optional keys only when present: `exactOptionalPropertyTypes` and clean URLs alike. */
function filters(search: Record<string, unknown>): { storeId?: string; gtin?: string } {
  const storeId = text(search.storeId, ID);
  const gtin = text(search.gtin, GTIN);
  return {
    ...(storeId === undefined ? {} : { storeId }),
    ...(gtin === undefined ? {} : { gtin }),
  };
}

export function validateDashboardSearch(search: Record<string, unknown>): DashboardSearch {
  const groupBy = GROUPINGS.find((g) => g === search.groupBy);
  return {
    ...dateWindow(search),
    granularity: search.granularity === 'hour' ? 'hour' : 'day',
    ...filters(search),
    ...(groupBy === undefined ? {} : { groupBy }),
  };
}

export function validateLinesSearch(search: Record<string, unknown>): LinesSearch {
  const hour = Number(search.hour);
  return {
    ...dateWindow(search),
    ...(search.hour !== undefined &&
    search.hour !== '' &&
    Number.isInteger(hour) &&
    hour >= 0 &&
    hour <= 23
      ? { hour }
      : {}),
    ...filters(search),
  };
}

/**
 * The drill-down behind a period of the report: `YYYY-MM-DD` is a day,
 * `YYYY-MM-DDTHH` an hour of it; other filters carry over.
 */
export function linesOfPeriod(
  period: string,
  rest: { storeId?: string | undefined; gtin?: string | undefined },
): LinesSearch {
  const date = period.slice(0, 10);
  const hour = period.length > 10 ? Number(period.slice(11, 13)) : undefined;
  return compact({ from: date, to: date, hour, ...rest });
}

/** Drops undefined values, so that the URL has only the filters set. */
export function compact<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
