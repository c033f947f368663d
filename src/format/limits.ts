/**
 * The structural limits checked before a ticket's deep validation, so that
 * what a request costs to validate is bounded by what the format allows and
 * not by what the sender dares. Without them the schema validator (which
 * reports every error) walked each of 85,000 empty lines of a 255 KB ticket
 * for 232 s of CPU and answered a 70 MB error list.
 *
 * The check reads only what deep validation would read: the ticket's own
 * properties, the items of `lines` and `payments`, and their properties.
 * Anything deeper is never walked, by this check or by the validator, which
 * refuses a wrongly typed value without looking inside it.
 */
import type { TicketError } from './rules';
import { TICKET_LIMITS } from './schema';

/** The limits and what each allows. */
export const STRUCTURE_LIMITS = Object.freeze({
  /** Most errors listed for one ticket; more are cut, and the result says so. */
  maxErrors: 100,
  /** Most properties of any object; a ticket has 14 in the format, a line 11. */
  maxProperties: 32,
  /** Longest property name, in UTF-16 units; the format's longest is 16. */
  maxPropertyNameLength: 64,
  /**
   * Longest string, in UTF-16 units; the format's longest field is a
   * 120-character description, up to 240 units with characters outside the
   * Basic Multilingual Plane. The schema then checks each field's own length.
   */
  maxStringLength: 256,
  maxLines: TICKET_LIMITS.maxLines,
  maxPayments: TICKET_LIMITS.maxPayments,
});

/** The arrays of a ticket that deep validation walks, with their longest allowed length. */
const ARRAYS: Readonly<Record<string, number>> = {
  lines: STRUCTURE_LIMITS.maxLines,
  payments: STRUCTURE_LIMITS.maxPayments,
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks the structural limits of a parsed ticket, at most `maxErrors`
 * errors (and `truncated` when there were more). No error means deep
 * validation costs at most about what a 500-line ticket costs.
 */
export function checkStructure(
  input: unknown,
  maxErrors: number = STRUCTURE_LIMITS.maxErrors,
): { errors: TicketError[]; truncated: boolean } {
  const errors: TicketError[] = [];
  let truncated = false;
  const add = (error: TicketError): boolean => {
    if (errors.length >= maxErrors) {
      truncated = true;
      return false;
    }
    errors.push(error);
    return true;
  };
  // Returns false once the list is full: nothing more is worth reading.
  // Paths are functions, built only for an error: this walk runs on every ticket received.
  const object = (value: Record<string, unknown>, at: () => string, fields: boolean): boolean => {
    const names = Object.keys(value);
    if (names.length > STRUCTURE_LIMITS.maxProperties) {
      return add({
        path: at(),
        rule: 'maxProperties',
        message: `has ${names.length} properties; an object of ticket format v1 has at most ${STRUCTURE_LIMITS.maxProperties}`,
      });
    }
    for (const name of names) {
      if (name.length > STRUCTURE_LIMITS.maxPropertyNameLength) {
        // The name itself is left out of the path and message: it is the problem.
        if (
          !add({
            path: at(),
            rule: 'propertyNames',
            message: `has a property name of ${name.length} characters; at most ${STRUCTURE_LIMITS.maxPropertyNameLength}`,
          })
        )
          return false;
        continue;
      }
      const child = value[name];
      const childPath = () => `${at()}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (typeof child === 'string' && child.length > STRUCTURE_LIMITS.maxStringLength) {
        if (
          !add({
            path: childPath(),
            rule: 'maxLength',
            message: `is ${child.length} characters long; no field of ticket format v1 allows more than ${STRUCTURE_LIMITS.maxStringLength}`,
          })
        )
          return false;
      } else if (fields && Array.isArray(child) && Object.hasOwn(ARRAYS, name)) {
        if (!array(child, childPath, name, ARRAYS[name]!)) return false;
      }
    }
    return true;
  };
  const array = (items: unknown[], at: () => string, name: string, max: number): boolean => {
    if (items.length > max) {
      return add({
        path: at(),
        rule: 'maxItems',
        message: `has ${items.length} ${name}; at most ${max} allowed`,
      });
    }
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (isObject(item) && !object(item, () => `${at()}/${i}`, false)) return false;
    }
    return true;
  };
  if (isObject(input)) object(input, () => '', true);
  return { errors, truncated };
}
