/**
 * Ticket validation: the JSON Schema first (every structural error, via a
 * validator compiled once), then the rules a schema cannot say (arithmetic,
 * check digits, currency precision, returns, personal data), run only on the
 * parts of the ticket that passed the schema, so that one bad field yields
 * one error and not a cascade.
 */
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { checkContentRules, personalDataError } from './content-rules';
import { dateTimeProblem, isRfc3339DateTime } from './datetime';
import { personalDataKind } from './personal-data';
import type { SchemaKeyword, TicketError } from './rules';
import { ticketSchema } from './schema';
import type { Ticket } from './types';

/** The outcome of {@link validateTicket}. */
export type TicketValidation =
  | { readonly ok: true; readonly ticket: Ticket }
  | { readonly ok: false; readonly errors: TicketError[] };

let compiled: ValidateFunction<Ticket> | undefined;

// Compiled on first use, not at import: commands that only need the types
// or the money helpers should not pay for code generation.
function schemaValidator(): ValidateFunction<Ticket> {
  if (compiled === undefined) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
    // Our own date-time check: ajv-formats' one also accepts a space for
    // 'T', "+0100", "+01" and no offset at all.
    ajv.addFormat('date-time', { type: 'string', validate: isRfc3339DateTime });
    compiled = ajv.compile<Ticket>(ticketSchema);
  }
  return compiled;
}

/**
 * Validates a parsed JSON value as a ticket of format v1 and returns either
 * the ticket (the very object given, now typed) or every error found, each
 * with the JSON pointer of the offending value and the rule it breaks.
 *
 * Never throws for bad input. Do not mutate a ticket after validating it.
 *
 * @example
 * const result = validateTicket(JSON.parse(body));
 * if (!result.ok) return reply.code(400).send({ errors: result.errors });
 */
export function validateTicket(input: unknown): TicketValidation {
  const validate = schemaValidator();
  if (validate(input)) {
    const errors = checkContentRules(input, undefined);
    return errors.length === 0 ? { ok: true, ticket: input } : { ok: false, errors };
  }
  const schemaErrors = (validate.errors ?? []).map(fromSchemaError);
  const broken = new BrokenPaths(schemaErrors);
  // Past the schema's verdict the value is only partly a Ticket: the content
  // rules read a field only after `broken` has vouched for it.
  const ruleErrors = broken.usable('')
    ? checkContentRules(input as Ticket, (path) => broken.usable(path))
    : [];
  return { ok: false, errors: schemaErrors.concat(ruleErrors) };
}

// ---------------------------------------------------------------------------
// Schema errors

/** RFC 6901 §3: '~' becomes '~0' and '/' becomes '~1' in a reference token. */
function pointerToken(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function withArticle(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

/** The schema's description of a malformed string field, as a hint for the integrator. */
function described(e: ErrorObject): string {
  const schema = e.parentSchema as { type?: unknown; description?: unknown } | undefined;
  return schema?.type === 'string' && typeof schema.description === 'string'
    ? ` (${schema.description})`
    : '';
}

function fromSchemaError(e: ErrorObject): TicketError {
  const keyword = e.keyword as SchemaKeyword;
  switch (e.keyword) {
    case 'required': {
      const name = (e.params as { missingProperty: string }).missingProperty;
      return {
        path: `${e.instancePath}/${pointerToken(name)}`,
        rule: keyword,
        message: `required property "${name}" is missing`,
      };
    }
    case 'additionalProperties': {
      const name = (e.params as { additionalProperty: string }).additionalProperty;
      return {
        path: `${e.instancePath}/${pointerToken(name)}`,
        rule: keyword,
        message: `unknown property "${name}": not part of ticket format v1`,
      };
    }
    case 'type': {
      const expected = String((e.params as { type: unknown }).type);
      return {
        path: e.instancePath,
        rule: keyword,
        message: `must be ${withArticle(expected)}, not ${jsonType(e.data)}${described(e)}`,
      };
    }
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
      return {
        path: e.instancePath,
        rule: keyword,
        message: `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`,
      };
    }
    case 'pattern': {
      // A customerId refused for its form may be worse than malformed.
      const kind =
        e.instancePath === '/customerId' && typeof e.data === 'string'
          ? personalDataKind(e.data)
          : undefined;
      if (kind !== undefined) return personalDataError(kind);
      return { path: e.instancePath, rule: keyword, message: `has the wrong form${described(e)}` };
    }
    case 'format': {
      const problem = typeof e.data === 'string' ? dateTimeProblem(e.data) : undefined;
      return {
        path: e.instancePath,
        rule: problem?.rule ?? keyword,
        message: problem?.message ?? (e.message as string),
      };
    }
    default:
      return { path: e.instancePath, rule: keyword, message: e.message ?? e.keyword };
  }
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
