import type { ClientIdentity } from 'fabric-shim-api';
import type { Identity } from '../gateway/identity';

/** `ctx.clientIdentity` for a transaction on the embedded ledger. */
export class EmbeddedClientIdentity implements ClientIdentity {
  constructor(private readonly identity: Identity) {}

  getID(): string {
    // Fabric's form is `x509::<subject DN>::<issuer DN>`; ours names the same two things.
    return `x509::/CN=${this.identity.id}::/O=${this.identity.mspId}`;
  }

  getIDBytes(): Uint8Array {
    return Buffer.from(this.identity.id, 'utf8');
  }

  getMSPID(): string {
    return this.identity.mspId;
  }

  getAttributeValue(name: string): string | null {
    return this.identity.attributes?.[name] ?? null;
  }

  assertAttributeValue(name: string, value: string): boolean {
    return this.getAttributeValue(name) === value;
  }
}
