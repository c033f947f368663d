/**
 * The one date-time form tickets accept: RFC 3339 §5.6 `date-time` with an
 * explicit offset, e.g. "2026-11-24T10:15:00+01:00". A local time without an
 * offset is ambiguous once a year (the night clocks go back), and a ledger
 * cannot ask the till what it meant.
 */

const DATE_TIME =
  /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]*))?(.*)$/;
const OFFSET = /^[+-]([0-9]{2}):([0-9]{2})$/;
const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** What is wrong with a date-time: the rule it breaks and a sentence for the integrator. */
export interface DateTimeProblem {
  rule: 'format' | 'rfc3339-offset';
  message: string;
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/**
 * Explains why `text` is not an accepted date-time, or returns `undefined`
 * when it is. Calendar problems (2026-02-30, 24:00:00) come before offset
 * problems; leap seconds (:60) are refused, as POS clocks smear them.
 */
export function dateTimeProblem(text: string): DateTimeProblem | undefined {
  const m = DATE_TIME.exec(text);
  if (m === null) {
    return {
      rule: 'format',
      message: 'must be an RFC 3339 date-time: YYYY-MM-DDThh:mm:ss[.fraction] then Z or ±hh:mm',
    };
  }
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const daysInMonth = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month];
  if (month < 1 || month > 12 || day < 1 || daysInMonth === undefined || day > daysInMonth) {
    return { rule: 'format', message: `${text.slice(0, 10)} is not a calendar date` };
  }
  if (hour > 23 || minute > 59 || second > 59) {
    return { rule: 'format', message: `${text.slice(11, 19)} is not a time of day` };
  }
  const fraction = m[7];
  if (fraction !== undefined && (fraction.length < 1 || fraction.length > 9)) {
    return { rule: 'format', message: 'fractions of a second must have 1 to 9 digits' };
  }
  const offset = m[8] as string;
  if (offset === 'Z') return undefined;
  if (offset === '') {
    return { rule: 'rfc3339-offset', message: 'has no UTC offset: append Z or ±hh:mm' };
  }
  const o = OFFSET.exec(offset);
  if (o === null || Number(o[1]) > 23 || Number(o[2]) > 59) {
    return { rule: 'rfc3339-offset', message: `"${offset}" is not a UTC offset: use Z or ±hh:mm` };
  }
  // RFC 3339 §4.3: -00:00 means "offset unknown", which is what we refuse.
  if (offset === '-00:00') {
    return {
      rule: 'rfc3339-offset',
      message: '-00:00 means "offset unknown": send the real offset',
    };
  }
  return undefined;
}

/** True for an RFC 3339 date-time with an explicit offset and a real calendar date and time. */
export function isRfc3339DateTime(text: string): boolean {
  return dateTimeProblem(text) === undefined;
}
