/**
 * Ticket validation: the structural limits first (see `limits.ts`), then the
 * JSON Schema (every structural error, via validators compiled once), then
 * the rules a schema cannot say (arithmetic, check digits, currency
 * precision, returns, personal data), run only on the parts of the ticket
 * that passed the schema, so that one bad field yields one error and not a
 * cascade. At most `maxErrors` errors are listed, and the work stops soon
 * after: the lines are validated one by one until the list is full.
 */
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import { checkContentRules, personalDataError } from './content-rules';
import { fieldError, schemaEngine } from './json-schema';
import { checkStructure, STRUCTURE_LIMITS } from './limits';
import { personalDataKind } from './personal-data';
import type { TicketError } from './rules';
import { ticketSchema } from './schema';
import type { Ticket } from './types';

/** The outcome of {@link validateTicket}. */
export type TicketValidation =
  | { readonly ok: true; readonly ticket: Ticket }
  | {
      readonly ok: false;
      readonly errors: TicketError[];
      /** True when the ticket had more errors than listed. */
      readonly truncated: boolean;
    };

interface Validators {
  /** The ticket without its lines' contents (the array itself is checked). */
  readonly head: ValidateFunction;
  /** One line. */
  readonly line: ValidateFunction;
}

let compiled: Validators | undefined;

// Compiled on first use, not at import: commands that only need the types
// or the money helpers should not pay for code generation.
function validators(): Validators {
  if (compiled === undefined) {
    const ajv = schemaEngine();
    // The same schema with the lines' items left to the line validator, so
    // that validation can stop once enough errors are listed: with every
    // error reported, the schema walks every line of the ticket.
    const head = structuredClone(ticketSchema) as {
      $id: string;
      properties: { lines: { items?: unknown } };
    };
    head.$id = `${ticketSchema.$id.replace(/\.json$/, '')}-head.json`;
    delete head.properties.lines.items;
    compiled = {
      head: ajv.compile(head),
      line: ajv.compile({ $ref: `${ticketSchema.$id}#/$defs/line` }),
    };
  }
  return compiled;
}

/**
 * Validates a parsed JSON value as a ticket of format v1 and returns either
 * the ticket (the very object given, now typed) or its errors, each with
 * the JSON pointer of the offending value and the rule it breaks: every
 * error up to `maxErrors` (default 100), then `truncated`.
 *
 * Never throws for bad input. Do not mutate a ticket after validating it.
 *
 * @example
 * const result = validateTicket(JSON.parse(body));
 * if (!result.ok) return reply.code(400).send({ errors: result.errors });
 */
export function validateTicket(
  input: unknown,
  maxErrors: number = STRUCTURE_LIMITS.maxErrors,
): TicketValidation {
  const structure = checkStructure(input, maxErrors);
  if (structure.errors.length > 0) return { ok: false, ...structure };
  const { head, line } = validators();
  const schemaErrors = head(input) ? [] : (head.errors ?? []).map(fromSchemaError);
  const lines = isObject(input) ? input.lines : undefined;
  if (Array.isArray(lines)) {
    for (let i = 0; i < lines.length && schemaErrors.length <= maxErrors; i++) {
      if (line(lines[i])) continue;
      for (const e of line.errors ?? []) {
        schemaErrors.push(fromSchemaError({ ...e, instancePath: `/lines/${i}${e.instancePath}` }));
      }
    }
  }
  if (schemaErrors.length === 0) {
    const errors = checkContentRules(input as Ticket, undefined);
    return errors.length === 0 ? { ok: true, ticket: input as Ticket } : capped(errors, maxErrors);
  }
  if (schemaErrors.length > maxErrors) return capped(schemaErrors, maxErrors);
  const broken = new BrokenPaths(schemaErrors);
  // Past the schema's verdict the value is only partly a Ticket: the content
  // rules read a field only after `broken` has vouched for it.
  const ruleErrors = broken.usable('')
    ? checkContentRules(input as Ticket, (path) => broken.usable(path))
    : [];
  return capped(schemaErrors.concat(ruleErrors), maxErrors);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function capped(errors: TicketError[], maxErrors: number): TicketValidation {
  return errors.length > maxErrors
    ? { ok: false, errors: errors.slice(0, maxErrors), truncated: true }
    : { ok: false, errors, truncated: false };
}

/** A schema error in the ticket's words: a customerId refused for its form may be worse than malformed. */
function fromSchemaError(e: ErrorObject): TicketError {
  if (e.keyword === 'pattern' && e.instancePath === '/customerId' && typeof e.data === 'string') {
    const kind = personalDataKind(e.data);
    if (kind !== undefined) return personalDataError(kind);
  }
  return fieldError(e, { unknownProperty: 'not part of ticket format v1' }) as TicketError;
}

/**
 * The JSON pointers that failed the schema. A value is usable by the rule
 * checks only if neither it nor any value containing it failed.
 */
class BrokenPaths {
  private readonly paths: Set<string>;

  constructor(errors: readonly TicketError[]) {
    this.paths = new Set(errors.map((e) => e.path));
  }

  usable(path: string): boolean {
    for (let p = path; ; p = p.slice(0, p.lastIndexOf('/'))) {
      if (this.paths.has(p)) return false;
      if (p === '') return true;
    }
  }
}
