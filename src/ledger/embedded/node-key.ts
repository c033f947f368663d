import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';

/**
 * The node's Ed25519 signing key: created on first use, kept in a PEM file
 * readable by the owner only, and used to sign every block header.
 */
export class NodeKey {
  private constructor(
    private readonly privateKey: KeyObject,
    /** The public key, for anyone who checks signed heads. */
    readonly publicKey: KeyObject,
  ) {}

  /**
   * Loads the key at `file`, creating it (mode 0600) if absent.
   * @throws if the file exists with permissions wider than 0600, or is not an Ed25519 key.
   */
  static loadOrCreate(file: string): NodeKey {
    if (!existsSync(file)) {
      const { privateKey } = generateKeyPairSync('ed25519');
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
      chmodSync(file, 0o600);
    }
    const mode = statSync(file).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      throw new Error(
        `node key ${file} has mode ${mode.toString(8)}; it must be 600 (chmod 600 ${file})`,
      );
    }
    const privateKey = createPrivateKey(readFileSync(file));
    if (privateKey.asymmetricKeyType !== 'ed25519') {
      throw new Error(`node key ${file} is not an Ed25519 key`);
    }
    return new NodeKey(privateKey, createPublicKey(privateKey));
  }

  /** Signs bytes (Ed25519, pure). */
  sign(data: Uint8Array): Buffer {
    return sign(null, data, this.privateKey);
  }

  /** The public key as PEM (SPKI). */
  publicKeyPem(): string {
    return this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }
}

/** Parses a PEM (SPKI) Ed25519 public key. */
export function parsePublicKey(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 public key');
  return key;
}

/** Checks an Ed25519 signature over bytes. */
export function verifySignature(
  publicKey: KeyObject,
  data: Uint8Array,
  signature: Uint8Array,
): boolean {
  return verify(null, data, publicKey, signature);
}
