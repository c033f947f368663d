/**
 * A collector request body, from its bytes to a verdict on each ticket:
 * JSON parsing, the batch's shape, and each ticket's validation with its
 * errors capped. Pure and synchronous, so that it runs the same on a
 * checking thread (`check-worker.ts`) as inline for a small body; what it
 * returns is plain data, copied between threads as is.
 */
import type { ValidateFunction } from 'ajv/dist/2020';
import { fieldErrors, schemaEngine, validateTicket, type TicketValidation } from '../../format';
import { STRUCTURE_LIMITS } from '../../format/limits';
import { problem, ProblemType, type Problem } from '../http/problem';

/** Most tickets in one batch. */
export const MAX_BATCH = 1000;

/**
 * Most errors listed over a whole batch, so that its answer stays small
 * (under a megabyte): each invalid ticket gets its share of this budget
 * until it is spent, and one error (then `truncated`) after that.
 */
export const MAX_BATCH_ERRORS = 1000;

/** Longest parser message echoed back (V8 quotes part of the body in it). */
const MAX_JSON_MESSAGE = 200;

/**
 * Deepest nesting of arrays and objects a body may have. A ticket nests 3
 * deep (ticket, lines, line) and a batch 5, so this leaves room for a
 * wrongly typed field to be reported as such; past it the body is refused
 * before it is parsed. Parsing 4 MiB of `[[[[…]]]]` costs about half a
 * second of CPU and twice that in the checking thread's garbage collection,
 * to learn nothing but that the body is not a ticket.
 */
export const MAX_BODY_DEPTH = 32;

/** What the bytes were: refused as a whole (400), or a verdict per ticket. */
export type BodyVerdict<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: Problem };

/** Which request the body belongs to. */
export type BodyKind = 'ticket' | 'batch';

/** The verdict on a body of `kind`. */
export type CheckedBody =
  | { readonly kind: 'ticket'; readonly verdict: BodyVerdict<TicketValidation> }
  | { readonly kind: 'batch'; readonly verdict: BodyVerdict<TicketValidation[]> };

function malformed(title: string, path: string, rule: string, message: string): Problem {
  return problem(ProblemType.malformedRequest, 400, title, undefined, [{ path, rule, message }]);
}

/**
 * The offset of the first `[` or `{` nested deeper than `max` in JSON text,
 * outside strings, or -1. One pass over the bytes, a few milliseconds for
 * 4 MiB; the text need not be valid JSON (the parser says so afterwards).
 */
export function tooDeepAt(bytes: Uint8Array, max: number): number {
  let depth = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x22) {
      // Skip the string: to its closing quote, past escaped characters.
      for (i++; i < bytes.length && bytes[i] !== 0x22; i++) if (bytes[i] === 0x5c) i++;
    } else if (b === 0x5b || b === 0x7b) {
      if (++depth > max) return i;
    } else if (b === 0x5d || b === 0x7d) {
      depth--;
    }
  }
  return -1;
}

/** Parses UTF-8 JSON as Fastify's own parser would (a leading BOM is ignored). */
function parseJson(bytes: Uint8Array): BodyVerdict<unknown> {
  const deep = tooDeepAt(bytes, MAX_BODY_DEPTH);
  if (deep >= 0) {
    return {
      ok: false,
      problem: malformed(
        'The body nests too deep',
        '',
        'maxDepth',
        `arrays and objects nested more than ${MAX_BODY_DEPTH} deep (at byte ${deep}); a ticket nests 3, a batch 5`,
      ),
    };
  }
  let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') {
    return {
      ok: false,
      problem: malformed('The body is not JSON', '', 'json', 'the body is empty'),
    };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = (error as Error).message.slice(0, MAX_JSON_MESSAGE);
    return { ok: false, problem: malformed('The body is not JSON', '', 'json', message) };
  }
}

/**
 * The envelope of a batch, as `POST /v1/tickets:batch` documents it: each
 * item is checked on its own (`validateTicket`), so that one bad ticket
 * does not hold back the others: whatever an item is, it gets its own
 * result (422 naming every bad field), and the batch answers 200.
 */
export const batchEnvelope = {
  type: 'object',
  required: ['tickets'],
  additionalProperties: false,
  properties: {
    tickets: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_BATCH,
      items: {
        description:
          'A ticket of format v1 (schema `Ticket`). Each is validated on its own: one that is not a valid ticket gets a 422 result naming every bad field, and the others are recorded.',
      },
    },
  },
} as const;

let batchEnvelopeCheck: ValidateFunction | undefined;

/** Checks the body of `POST /v1/tickets`: one ticket. */
export function checkTicketBody(bytes: Uint8Array): BodyVerdict<TicketValidation> {
  const parsed = parseJson(bytes);
  return parsed.ok ? { ok: true, value: validateTicket(parsed.value) } : parsed;
}

/**
 * Checks the body of `POST /v1/tickets:batch`: `{"tickets": [...]}` with 1
 * to {@link MAX_BATCH} tickets, each validated on its own.
 */
export function checkBatchBody(bytes: Uint8Array): BodyVerdict<TicketValidation[]> {
  const parsed = parseJson(bytes);
  if (!parsed.ok) return parsed;
  const envelope = parsed.value;
  const validEnvelope = (batchEnvelopeCheck ??= schemaEngine().compile(batchEnvelope));
  if (!validEnvelope(envelope)) {
    return {
      ok: false,
      problem: problem(
        ProblemType.malformedRequest,
        400,
        `A batch is {"tickets": [1 to ${MAX_BATCH} tickets]}`,
        undefined,
        fieldErrors(validEnvelope.errors),
      ),
    };
  }
  const tickets = (envelope as { tickets: unknown[] }).tickets;
  let budget = MAX_BATCH_ERRORS;
  const results = tickets.map((ticket) => {
    const maxErrors = Math.max(1, Math.min(STRUCTURE_LIMITS.maxErrors, budget));
    const result = validateTicket(ticket, maxErrors);
    if (!result.ok) budget -= result.errors.length;
    return result;
  });
  return { ok: true, value: results };
}

/** Checks a body of either kind. */
export function checkBody(kind: BodyKind, bytes: Uint8Array): CheckedBody {
  return kind === 'ticket'
    ? { kind, verdict: checkTicketBody(bytes) }
    : { kind, verdict: checkBatchBody(bytes) };
}
