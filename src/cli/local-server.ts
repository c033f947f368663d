import type { FastifyInstance } from 'fastify';
import { chmodSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DemoLogins } from '../api/routes/auth/session-routes';
import { TokenService } from '../api/auth/tokens';
import { UserStore } from '../api/auth/user-store';
import type { ServerConfig } from '../api/config';
import { QueryContext } from '../api/query-context';
import { buildServer } from '../api/server';
import { TerminalKeyStore } from '../api/terminal-keys';
import { fabricLedger } from './fabric-modules';
import { ContractClient } from '../client/contract-client';
import { newContracts } from '../contract';
import { EmbeddedLedger } from '../ledger/embedded';
import type { LedgerGateway, ProofService } from '../ledger/gateway';
import { contractEndorsers } from '../node/contract-endorsers';
import { bootstrapIfNew, localIdentities } from '../node/local-node';
import { LineReferences, Projector, READ_MODEL_FILE, ReadModel } from '../readmodel';

/** File of the server's own (off-ledger) access data in the data folder. */
export const ACCESS_DB = 'access.db';

/** A running server and everything it opened. */
export interface LocalServer<L extends LedgerGateway = EmbeddedLedger> {
  readonly app: FastifyInstance;
  /** `http://host:port` it listens on. */
  readonly address: string;
  readonly ledger: L;
  readonly client: ContractClient;
  readonly keys: TerminalKeyStore;
  readonly users: UserStore;
  readonly projector: Projector | undefined;
  /** Stops listening, lets the projector finish its block, and closes every file. */
  close(): Promise<void>;
}

/**
 * Opens the data folder (embedded ledger, access database, read model),
 * starts the projector when the role serves queries, and listens.
 * Shared by `eter serve` and the `npm start` demo.
 */
export function startLocalServer(config: ServerConfig, demo?: DemoLogins): Promise<LocalServer> {
  // The contract runs on endorsing threads, beside HTTP on this one. One
  // thread was the bottleneck of the ledger (bench:ledger: two gave +35 %).
  const ledger = EmbeddedLedger.open({
    dataDir: resolve(config.dataDir),
    contracts: newContracts(),
    endorsers: contractEndorsers(config.endorsers),
  });
  return serveOn(config, ledger, ledger.proofs(), demo);
}

/**
 * The server `config` asks for: on the embedded ledger of its data folder,
 * or on the Fabric network of its connection profile. On Fabric the data
 * folder keeps only the server's own files (access database, read model);
 * the ledger identities are the profile wallet's `operator`, `query-server`
 * and `collector`, the names the embedded ledger uses.
 */
export function startServer(config: ServerConfig): Promise<LocalServer<LedgerGateway>> {
  if (config.ledger === 'embedded') return startLocalServer(config);
  const { FabricLedger, FabricProofService, readConnectionProfile } = fabricLedger();
  const ledger = FabricLedger.connect({
    profile: readConnectionProfile(config.fabricProfile!),
    preferMspId: config.role === 'collector' ? 'RetailerMSP' : 'OperatorMSP',
  });
  // Fabric proves its contents with orderer-signed, hash-chained blocks, not a Merkle log.
  return serveOn(config, ledger, new FabricProofService(ledger));
}

async function serveOn<L extends LedgerGateway>(
  config: ServerConfig,
  ledger: L,
  proofs: ProofService | undefined,
  demo?: DemoLogins,
): Promise<LocalServer<L>> {
  const dataDir = resolve(config.dataDir);
  // 0700 even when it already existed wider: it holds the keys, logins and every ticket.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const client = new ContractClient(ledger);
  await bootstrapIfNew(client);
  const keys = new TerminalKeyStore(join(dataDir, ACCESS_DB));
  const users = new UserStore(join(dataDir, ACCESS_DB));
  const tokens = TokenService.open(dataDir, { ttlSeconds: config.tokenTtlSeconds });
  const servesQueries = config.role !== 'collector';
  // A report reads a few dozen pages, found again in the OS's file cache:
  // 8 MiB answers as fast as 32 in a 1 M-ticket read model, and is 24 MiB
  // less of the server's memory.
  const readModel = servesQueries
    ? ReadModel.open(join(dataDir, READ_MODEL_FILE), { cacheMiB: 8 })
    : undefined;
  // The projector reports through the server's logger, which exists only later.
  const logTo: { app?: FastifyInstance } = {};
  const projector =
    readModel === undefined
      ? undefined
      : new Projector(ledger, readModel, {
          thread: true,
          onError: (error) => logTo.app?.log.error({ err: error }, 'projector failed; retrying'),
        });
  const query =
    projector === undefined
      ? undefined
      : new QueryContext(
          projector,
          client,
          { query: localIdentities.query, operator: localIdentities.operator },
          proofs,
          LineReferences.open(dataDir),
          // Only the embedded ledger erases: Fabric's blocks hold the values in the clear.
          ledger instanceof EmbeddedLedger ? ledger : undefined,
        );
  const app = await buildServer({
    config,
    client,
    keys,
    users,
    tokens,
    identities: localIdentities,
    ...(demo === undefined ? {} : { demo }),
    ...(query === undefined ? {} : { query }),
  });
  logTo.app = app;
  projector?.start();
  const address = await app.listen({ host: config.host, port: config.port });
  const server = app;
  let closing: Promise<void> | undefined;
  return {
    app: server,
    address,
    ledger,
    client,
    keys,
    users,
    projector,
    close() {
      closing ??= (async () => {
        await server.close();
        await projector?.stop();
        readModel?.close();
        await ledger.close();
        keys.close();
        users.close();
      })();
      return closing;
    },
  };
}
