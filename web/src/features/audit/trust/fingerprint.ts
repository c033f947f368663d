import type { PublicKey } from '@verifier';
import type { Verifier } from '../verify/load-verifier';

/**
 * The key's fingerprint: SHA-256 of its 32 raw bytes (the Ed25519 point), lowercase hex. The
 * operator can print the same from the published PEM:
 * `eter pubkey --data DIR | openssl pkey -pubin -outform DER | tail -c 32 | sha256sum`.
 */
export function fingerprintOf(verifier: Verifier, key: PublicKey): string {
  return verifier.sha256Hex(key.raw);
}

/** `a1b2c3d4…` as `a1b2 c3d4 …`: groups of four, for reading aloud and comparing by eye. */
export function groupHex(hex: string): string {
  return (hex.match(/.{1,4}/g) ?? []).join(' ');
}
