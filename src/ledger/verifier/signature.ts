/** Ed25519 signature checks (RFC 8032). */
import { ed25519 } from '@noble/curves/ed25519';
import type { PublicKey } from './public-key';

/**
 * Whether `signature` is `key`'s Ed25519 signature over `data`. Strict RFC 8032 rules
 * (`zip215: false`: canonical encodings, S below the group order), the rules OpenSSL applies in
 * Node's `crypto.verify`, so that a signature holds in the browser exactly when it holds there.
 * A signature of the wrong length is simply not valid.
 */
export function verifySignature(key: PublicKey, data: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  try {
    return ed25519.verify(signature, data, key.raw, { zip215: false });
  } catch {
    return false;
  }
}
