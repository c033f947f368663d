import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TerminalKeyStore } from '../api/terminal-keys';
import { CliError } from './cli-error';
import { ACCESS_DB } from './commands/serve';

/**
 * Terminal API keys minted for one run of a client command (simulate,
 * import) in the access database of a server's data folder, one per store
 * on first use, and all revoked when the run ends: the keys never outlive
 * the run, and nobody has to paste them around. The database is SQLite in
 * WAL mode, so minting while `eter serve` runs on the same folder is safe,
 * and the server sees a new key at once.
 */
export class TerminalKeyLease {
  private readonly store: TerminalKeyStore;
  private readonly leased = new Map<string, { apiKey: string; keyId: string }>();

  /**
   * @param dataDir the `--data` folder of the server that will check the keys.
   * @param terminalId the terminal the keys are for, e.g. `sim-01`.
   * @throws {CliError} when that folder has no access database (no server ever ran there).
   */
  constructor(
    dataDir: string,
    readonly terminalId: string,
  ) {
    const file = join(resolve(dataDir), ACCESS_DB);
    if (!existsSync(file)) {
      throw new CliError(
        `no ${ACCESS_DB} in ${resolve(dataDir)}: give the --data folder of the running eter serve, or --key`,
      );
    }
    this.store = new TerminalKeyStore(file);
  }

  /** The key of a store for this run, minted on first use. */
  keyFor(storeId: string): string {
    let lease = this.leased.get(storeId);
    if (lease === undefined) {
      const { apiKey, key } = this.store.create(storeId, this.terminalId);
      lease = { apiKey, keyId: key.keyId };
      this.leased.set(storeId, lease);
    }
    return lease.apiKey;
  }

  /** Any key leased so far, e.g. for a ticket that names no usable store. */
  anyKey(): string | undefined {
    return this.leased.values().next().value?.apiKey;
  }

  /** Revokes every key of this run and closes the database; returns how many were revoked. */
  release(): number {
    let revoked = 0;
    try {
      for (const { keyId } of this.leased.values()) if (this.store.revoke(keyId)) revoked++;
      this.leased.clear();
    } finally {
      this.store.close();
    }
    return revoked;
  }
}
