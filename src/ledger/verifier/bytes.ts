/**
 * Bytes on `Uint8Array` only: UTF-8, hex and base64 without `Buffer`, so that the same code runs in
 * Node and in a browser. Decoders are strict (a proof with a stray character is malformed, not
 * silently shortened as `Buffer.from(text, 'base64')` would have it).
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/** The UTF-8 bytes of `text`. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** `bytes` as text, invalid sequences replaced by U+FFFD (as `Buffer#toString('utf8')` does). */
export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** Whether two byte strings are equal (not constant-time: every input here is public). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** `parts` one after the other in a new array. */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lowercase hex of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += HEX[byte];
  return out;
}

/**
 * The bytes of lowercase hex text, or `undefined` when `text` is not a string of lowercase hex
 * digit pairs (hashes in headers and proofs are always written that way).
 */
export function fromHex(text: unknown): Uint8Array | undefined {
  if (typeof text !== 'string' || !/^(?:[0-9a-f]{2})*$/.test(text)) return undefined;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUE = new Map([...BASE64].map((c, i) => [c, i]));

/** Standard base64 (RFC 4648 §4) of `bytes`, padded. */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += BASE64.charAt((n >> 18) & 63) + BASE64.charAt((n >> 12) & 63);
    out += i + 1 < bytes.length ? BASE64.charAt((n >> 6) & 63) : '=';
    out += i + 2 < bytes.length ? BASE64.charAt(n & 63) : '=';
  }
  return out;
}

/** Unpadded base64url (RFC 4648 §5) of `bytes`, as SD-JWT writes digests. */
export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

/** The bytes of unpadded base64url text, or `undefined` for anything else. */
export function fromBase64Url(text: unknown): Uint8Array | undefined {
  if (typeof text !== 'string' || text.length % 4 === 1 || /[+/=]/.test(text)) return undefined;
  const standard = text.replace(/-/g, '+').replace(/_/g, '/');
  return fromBase64(standard + '='.repeat((4 - (standard.length % 4)) % 4));
}

/**
 * The bytes of standard padded base64 text (RFC 4648 §4, as `Buffer#toString('base64')` writes
 * it), or `undefined` for anything else: other characters, missing padding, or non-zero bits in
 * the padding (which would let two texts stand for the same bytes).
 */
export function fromBase64(text: unknown): Uint8Array | undefined {
  if (typeof text !== 'string' || text.length % 4 !== 0) return undefined;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let at = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let k = 0; k < 4; k++) {
      // '' past the end, which no base64 digit is.
      const c = text.charAt(i + k);
      const last = i + 4 === text.length;
      const value = c === '=' && last && k >= 4 - padding ? 0 : BASE64_VALUE.get(c);
      if (value === undefined) return undefined;
      n = (n << 6) | value;
    }
    const triple = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
    const take = Math.min(3, out.length - at);
    if (triple.slice(take).some((b) => b !== 0)) return undefined;
    out.set(triple.slice(0, take), at);
    at += take;
  }
  return out;
}
