import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signers, type Identity as FabricIdentity, type Signer } from '@hyperledger/fabric-gateway';
import type { Identity } from '../gateway';

/** An X.509 identity and the signer of its private key. */
export interface WalletIdentity {
  readonly identity: FabricIdentity;
  readonly signer: Signer;
}

/** No certificate or key for an identity in the wallet. */
export class UnknownIdentityError extends Error {
  constructor(
    readonly mspId: string,
    readonly id: string,
    options?: ErrorOptions,
  ) {
    super(`no Fabric identity ${mspId}/${id} in the wallet`, options);
    this.name = 'UnknownIdentityError';
  }
}

/**
 * Client identities kept as files, `<folder>/<mspId>/<id>/{cert.pem,key.pem}`.
 * The certificate, not the gateway's `Identity.attributes`, carries the
 * attributes the contract sees: the peers read them from the signed creator.
 */
export class Wallet {
  private readonly cache = new Map<string, WalletIdentity>();

  constructor(readonly folder: string) {}

  /** @throws {UnknownIdentityError} */
  get(who: Pick<Identity, 'mspId' | 'id'>): WalletIdentity {
    const key = `${who.mspId}/${who.id}`;
    let found = this.cache.get(key);
    if (!found) {
      const dir = join(this.folder, who.mspId, who.id);
      try {
        found = {
          identity: { mspId: who.mspId, credentials: readFileSync(join(dir, 'cert.pem')) },
          signer: signers.newPrivateKeySigner(createPrivateKey(readFileSync(join(dir, 'key.pem')))),
        };
      } catch (error) {
        throw new UnknownIdentityError(who.mspId, who.id, { cause: error });
      }
      this.cache.set(key, found);
    }
    return found;
  }
}
