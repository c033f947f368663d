/**
 * The one JSON Schema engine of the code base and the one formatter of its
 * errors. Tickets, the contract's requests, the HTTP API's bodies,
 * parameters and the server's configuration are all checked by engines made
 * here, with the same options, formats and messages; only the API's query
 * and path parameters ask for one more thing, coercion (they arrive as
 * strings), and so get an engine of their own.
 */
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import { dateTimeProblem, isRfc3339DateTime } from './datetime';
import { ticketSchema } from './schema';

/** One thing wrong with a value: where (a JSON pointer), which rule, and why in words. */
export interface FieldError {
  readonly path: string;
  readonly rule: string;
  readonly message: string;
}

/** Ajv as made here: see {@link newSchemaEngine}. */
export type SchemaEngine = Ajv2020;

/**
 * A new engine: every error listed (not just the first), strict about the
 * schemas themselves (an unknown keyword is a bug, not a no-op), our own
 * RFC 3339 `date-time` (ajv-formats' also takes a space for 'T' and no
 * offset) and a plain `date`, and the ticket schema registered so that any
 * schema may `$ref` its definitions. `coerce` turns "10" into 10 where a
 * number is expected: for URL parameters only, never for bodies.
 */
export function newSchemaEngine(options: { coerce?: boolean } = {}): SchemaEngine {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    // `type: ['string', 'null']` is how a nullable field is written in OpenAPI 3.1.
    allowUnionTypes: true,
    // Errors carry the offending value and its schema, for messages that name both.
    verbose: true,
    ...(options.coerce === true ? { coerceTypes: true, useDefaults: true } : {}),
  });
  ajv.addFormat('date-time', {
    type: 'string',
    // A ticket must give its store's real offset (`rfc3339-offset`), so the
    // exact engine refuses RFC 3339's "-00:00" (offset unknown); an instant
    // in a URL is just an instant, and "-00:00" names the same one as "Z".
    validate:
      options.coerce === true
        ? (text: string) => isRfc3339DateTime(text.replace(/-00:00$/, 'Z'))
        : isRfc3339DateTime,
  });
  ajv.addFormat('date', {
    type: 'string',
    validate: (text: string) =>
      /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)),
  });
  // OpenAPI's annotation keywords, which document and do not constrain.
  ajv.addVocabulary(['example', 'xml', 'externalDocs', 'discriminator']);
  ajv.addSchema(ticketSchema);
  return ajv;
}

let shared: SchemaEngine | undefined;

/**
 * The engine shared by everything that checks exact values (no coercion).
 * Made on first use, not at import: commands that only need types or money
 * helpers should not pay for it.
 */
export function schemaEngine(): SchemaEngine {
  shared ??= newSchemaEngine();
  return shared;
}

/** How {@link fieldErrors} words what only its caller knows. */
export interface FieldErrorOptions {
  /** Appended to "unknown property" messages, e.g. "not part of ticket format v1". */
  readonly unknownProperty?: string;
}

/** Every schema error as a {@link FieldError}, in the order found. */
export function fieldErrors(
  errors: readonly ErrorObject[] | null | undefined,
  options: FieldErrorOptions = {},
): FieldError[] {
  return (errors ?? []).map((e) => fieldError(e, options));
}

/**
 * One schema error as a {@link FieldError}: the path points at the value at
 * fault (a missing or unknown property's own path, not its parent's), the
 * rule is the schema keyword, and the message names what was expected.
 */
export function fieldError(e: ErrorObject, options: FieldErrorOptions = {}): FieldError {
  switch (e.keyword) {
    case 'required': {
      const name = (e.params as { missingProperty: string }).missingProperty;
      return {
        path: `${e.instancePath}/${pointerToken(name)}`,
        rule: e.keyword,
        message: `required property "${name}" is missing`,
      };
    }
    case 'additionalProperties': {
      const name = (e.params as { additionalProperty: string }).additionalProperty;
      const note = options.unknownProperty === undefined ? '' : `: ${options.unknownProperty}`;
      return {
        path: `${e.instancePath}/${pointerToken(name)}`,
        rule: e.keyword,
        message: `unknown property "${name}"${note}`,
      };
    }
    case 'type': {
      const expected = [(e.params as { type: unknown }).type].flat().map(String).join(' or ');
      return {
        path: e.instancePath,
        rule: e.keyword,
        message: `must be ${withArticle(expected)}, not ${jsonType(e.data)}${described(e)}`,
      };
    }
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
      return {
        path: e.instancePath,
        rule: e.keyword,
        message: `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`,
      };
    }
    case 'pattern':
      return {
        path: e.instancePath,
        rule: e.keyword,
        message: `has the wrong form${described(e)}`,
      };
    case 'format': {
      const problem =
        (e.params as { format?: string }).format === 'date-time' && typeof e.data === 'string'
          ? dateTimeProblem(e.data)
          : undefined;
      return {
        path: e.instancePath,
        rule: problem?.rule ?? e.keyword,
        message: problem?.message ?? e.message ?? e.keyword,
      };
    }
    default:
      return { path: e.instancePath, rule: e.keyword, message: e.message ?? e.keyword };
  }
}

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

/** The schema's description of a malformed string field, as a hint for the caller. */
function described(e: ErrorObject): string {
  const schema = e.parentSchema as { type?: unknown; description?: unknown } | undefined;
  return schema?.type === 'string' && typeof schema.description === 'string'
    ? ` (${schema.description})`
    : '';
}
