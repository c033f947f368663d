import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { UserStore } from '../api/auth/user-store';
import { TerminalKeyStore } from '../api/terminal-keys';
import { ContractClient } from '../client/contract-client';
import {
  LOCAL_OPERATOR_MSP,
  LOCAL_RETAILER_MSP,
  localIdentities,
  openLocalLedger,
} from '../node/local-node';
import { provisionNetwork } from '../sim/provision';
import { SYNTHETIC_MANUFACTURERS, type SyntheticWorkload } from '../sim/workload';

/**
 * The server's access database in its data folder (`ACCESS_DB` of
 * src/cli/local-server.ts, which the bench, beside the CLI rather than
 * above it, does not import).
 */
const ACCESS_DB = 'access.db';

/** A manufacturer analyst's login. */
export interface BenchLogin {
  readonly manufacturerId: string;
  readonly username: string;
  readonly password: string;
}

/** Credentials the load generator uses against the served data folder. */
export interface BenchAccess {
  /** A terminal API key per store id. */
  readonly keys: ReadonlyMap<string, string>;
  /** One login per synthetic manufacturer. */
  readonly logins: readonly BenchLogin[];
}

/**
 * Prepares a data folder as an operator would before `eter serve`: a
 * bootstrapped ledger with the workload's stores, manufacturers and
 * customers registered through the contracts, a terminal key per store and
 * a manufacturer login per manufacturer in the access database.
 */
export async function prepareBenchNetwork(
  dataDir: string,
  workload: SyntheticWorkload,
): Promise<BenchAccess> {
  const ledger = openLocalLedger(dataDir);
  try {
    const client = new ContractClient(ledger);
    await client.bootstrap(localIdentities.operator, { operatorMspId: LOCAL_OPERATOR_MSP });
    await provisionNetwork(client, workload, localIdentities, LOCAL_RETAILER_MSP);
  } finally {
    await ledger.close();
  }

  const keyStore = new TerminalKeyStore(join(dataDir, ACCESS_DB));
  const keys = new Map<string, string>();
  try {
    for (const storeId of workload.storeIds) {
      keys.set(storeId, keyStore.create(storeId, 'pos-bench').apiKey);
    }
  } finally {
    keyStore.close();
  }

  const users = new UserStore(join(dataDir, ACCESS_DB));
  const logins: BenchLogin[] = [];
  try {
    for (const m of SYNTHETIC_MANUFACTURERS) {
      const login = {
        manufacturerId: m.manufacturerId,
        username: `bench-${m.manufacturerId}`,
        password: randomBytes(18).toString('base64url'),
      };
      await users.create({
        username: login.username,
        password: login.password,
        role: 'manufacturer',
        subjectId: m.manufacturerId,
      });
      logins.push(login);
    }
  } finally {
    users.close();
  }
  return { keys, logins };
}
