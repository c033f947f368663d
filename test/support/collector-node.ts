/**
 * A collector over real HTTP on 127.0.0.1, in this process, on a real
 * embedded ledger and access database in a temporary folder: one store
 * (`store-001`) and its terminal's key.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { TokenService } from '../../src/api/auth/tokens';
import { UserStore } from '../../src/api/auth/user-store';
import { loadConfig, type ServerConfig } from '../../src/api/config';
import { buildServer } from '../../src/api/server';
import { TerminalKeyStore } from '../../src/api/terminal-keys';
import { ContractClient } from '../../src/client/contract-client';
import type { EmbeddedLedger } from '../../src/ledger/embedded';
import {
  bootstrapIfNew,
  localIdentities,
  LOCAL_RETAILER_MSP,
  openLocalLedger,
} from '../../src/node/local-node';
import { tempDir } from './engines';

export interface CollectorNode {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly ledger: EmbeddedLedger;
  readonly client: ContractClient;
  readonly apiKey: string;
  close(): Promise<void>;
}

/** Starts the collector with `settings` over the defaults (log level silent). */
export async function startCollector(
  settings: Partial<Record<keyof ServerConfig, unknown>> = {},
): Promise<CollectorNode> {
  const dir = tempDir('eter-collector-');
  const ledger = openLocalLedger(dir.path);
  const client = new ContractClient(ledger);
  await bootstrapIfNew(client);
  await client.registerStore(localIdentities.operator, {
    storeId: 'store-001',
    name: 'store-001',
    mspId: LOCAL_RETAILER_MSP,
  });
  const keys = new TerminalKeyStore(join(dir.path, 'access.db'));
  const { apiKey } = keys.create('store-001', 'pos-01');
  const users = new UserStore(join(dir.path, 'access.db'));
  const config = loadConfig({
    flags: { role: 'collector', port: 0, dataDir: dir.path, logLevel: 'silent', ...settings },
  });
  const app = await buildServer({
    config,
    client,
    keys,
    users,
    tokens: TokenService.open(dir.path),
    identities: localIdentities,
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    app,
    ledger,
    client,
    apiKey,
    async close() {
      await app.close();
      await ledger.close();
      keys.close();
      users.close();
      dir.cleanup();
    },
  };
}

/** A POST of `body` (sent as is) with the terminal's key; the answer's status, headers and text. */
export async function postBody(
  node: Pick<CollectorNode, 'url' | 'apiKey'>,
  path: string,
  body: string,
): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(`${node.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${node.apiKey}` },
    body,
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}
