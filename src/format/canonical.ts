/**
 * Canonical JSON (RFC 8785, JSON Canonicalization Scheme) and the content
 * hash built on it: the same ticket gives the same bytes, and so the same
 * hash, whatever order its keys were sent in.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** Thrown when a value has no RFC 8785 canonical form. */
export class CanonicalJsonError extends Error {
  override readonly name = 'CanonicalJsonError';
}

// JSON.stringify writes a lone surrogate as a \udXXX escape (and nothing
// else as a \ud8xx-\udfxx escape); it is a real escape only when preceded by
// an even number of backslashes.
const LONE_SURROGATE_ESCAPE = /(?:^|[^\\])(?:\\\\)*\\ud[89a-f]/;

/**
 * The RFC 8785 canonical JSON text of `value`: object keys sorted by UTF-16
 * code units (§3.2.3), no whitespace, ECMAScript number and string
 * serialisation (§3.2.2). `toJSON` methods are honoured, `undefined`
 * properties are dropped, as JSON.stringify does.
 *
 * @throws {CanonicalJsonError} for values JSON cannot represent exactly:
 *   `undefined` or a symbol at the top level, functions, NaN, Infinity,
 *   bigint, and strings with lone surrogates (not I-JSON, RFC 7493 §2.1).
 * @example canonicalJson({ b: 1, a: [true, null] }) // '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (error) {
    throw new CanonicalJsonError(`no canonical JSON form: ${(error as Error).message}`);
  }
  if (text === undefined) {
    throw new CanonicalJsonError(`no canonical JSON form for a value of type ${typeof value}`);
  }
  // canonicalize writes a nested function as the bare word undefined: only
  // then is the text not JSON.
  if (text.includes('undefined') && !parsesAsJson(text)) {
    throw new CanonicalJsonError('no canonical JSON form: a value is a function');
  }
  if (text.includes('\\u') && LONE_SURROGATE_ESCAPE.test(text)) {
    throw new CanonicalJsonError('no canonical JSON form: a string holds a lone surrogate');
  }
  return text;
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * SHA-256 of the UTF-8 bytes of {@link canonicalJson}(value), as 64
 * lowercase hex digits: the content hash of a ticket.
 *
 * @throws {CanonicalJsonError} as {@link canonicalJson}.
 */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
}
