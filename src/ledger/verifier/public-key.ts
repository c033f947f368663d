/**
 * The node's Ed25519 public key, from the forms people hold: the PEM that `eter pubkey` prints, its
 * DER (SubjectPublicKeyInfo), or the raw 32 bytes. SPKI is parsed by hand: for Ed25519 it is always
 * the same 12-byte prefix (RFC 8410 §4) followed by the key.
 */
import { bytesEqual, fromBase64 } from './bytes';
import { ed25519 } from '@noble/curves/ed25519';

/** SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING (0 unused bits) { 32 bytes } }. */
const SPKI_ED25519_PREFIX = Uint8Array.of(
  0x30,
  0x2a,
  0x30,
  0x05,
  0x06,
  0x03,
  0x2b,
  0x65,
  0x70,
  0x03,
  0x21,
  0x00,
);

/** An Ed25519 public key that decodes to a curve point. */
export interface PublicKey {
  readonly algorithm: 'ed25519';
  /** The 32-byte encoded point (RFC 8032 §5.1.5). */
  readonly raw: Uint8Array;
}

/** The input is not an Ed25519 public key in any of the accepted forms. */
export class PublicKeyError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PublicKeyError';
  }
}

/** What {@link parsePublicKey} accepts. */
export type PublicKeyInput = PublicKey | Uint8Array | string;

/**
 * Reads an Ed25519 public key.
 *
 * @param input - PEM text (`-----BEGIN PUBLIC KEY-----`, as `eter pubkey` prints), SPKI DER bytes
 *   (44), raw key bytes (32), or a {@link PublicKey} (returned as it is).
 * @throws {@link PublicKeyError} for another form, another algorithm, or bytes that are not a
 *   point of the curve.
 * @example
 * ```ts
 * const key = parsePublicKey(await (await fetch('/node.pem')).text());
 * ```
 */
export function parsePublicKey(input: PublicKeyInput): PublicKey {
  if (typeof input === 'string') return parsePublicKey(pemBody(input));
  if (!(input instanceof Uint8Array)) return input;
  let raw: Uint8Array;
  if (input.length === 32) raw = input;
  else if (input.length === 44 && bytesEqual(input.subarray(0, 12), SPKI_ED25519_PREFIX)) {
    raw = input.subarray(12);
  } else {
    throw new PublicKeyError('not an Ed25519 public key (raw 32 bytes or SubjectPublicKeyInfo)');
  }
  try {
    ed25519.ExtendedPoint.fromHex(raw);
  } catch (error) {
    throw new PublicKeyError('the Ed25519 public key is not a point of the curve', {
      cause: error,
    });
  }
  return { algorithm: 'ed25519', raw: Uint8Array.from(raw) };
}

function pemBody(pem: string): Uint8Array {
  const match = /-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\s]*)-----END PUBLIC KEY-----/.exec(pem);
  const der = match === null ? undefined : fromBase64((match[1] ?? '').replace(/\s+/g, ''));
  if (der === undefined) throw new PublicKeyError('not a PEM public key (BEGIN PUBLIC KEY)');
  return der;
}
