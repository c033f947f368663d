import type { Command } from 'commander';
import { join, resolve } from 'node:path';
import { loadConfig, ConfigError, type ServerConfig } from '../../api/config';
import { buildServer } from '../../api/server';
import { TerminalKeyStore } from '../../api/terminal-keys';
import { ContractClient } from '../../client/contract-client';
import { bootstrapIfNew, localIdentities, openLocalLedger } from '../../node/local-node';
import { CliError } from '../cli-error';

/** File of the server's own (off-ledger) access data in the data folder. */
export const ACCESS_DB = 'access.db';

interface ServeOptions {
  role?: string;
  host?: string;
  port?: string;
  data?: string;
  logLevel?: string;
  config?: string;
}

/** `eter serve`: the collector and/or query HTTP server on the local embedded ledger. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the HTTP API (collector, query or both) on the local embedded ledger')
    .option('--role <role>', 'collector | query | all (env ETER_ROLE)')
    .option('--host <host>', 'address to listen on (env ETER_HOST; default 127.0.0.1)')
    .option('--port <port>', 'port (env ETER_PORT; default 8080; 0 picks a free one)')
    .option('-d, --data <dir>', 'data folder (env ETER_DATA; default ./data)')
    .option('--log-level <level>', 'fatal | error | warn | info | debug | trace | silent')
    .option('--config <file>', 'JSON configuration file (flags and environment take precedence)')
    .action(async (options: ServeOptions) => {
      let config: ServerConfig;
      try {
        config = loadConfig({
          flags: {
            role: options.role,
            host: options.host,
            port: options.port,
            dataDir: options.data,
            logLevel: options.logLevel,
          },
          env: process.env,
          ...(options.config === undefined ? {} : { file: options.config }),
        });
      } catch (error) {
        if (error instanceof ConfigError) throw new CliError(error.message);
        throw error;
      }
      const dataDir = resolve(config.dataDir);
      const ledger = openLocalLedger(dataDir);
      const client = new ContractClient(ledger);
      await bootstrapIfNew(client);
      const keys = new TerminalKeyStore(join(dataDir, ACCESS_DB));
      const app = await buildServer({ config, client, keys, identities: localIdentities });
      const shutdown = async (signal: string) => {
        app.log.info({ signal }, 'shutting down');
        await app.close();
        await ledger.close();
        keys.close();
      };
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
      const address = await app.listen({ host: config.host, port: config.port });
      app.log.info(`eter ${config.role} listening on ${address} (API docs: ${address}/docs)`);
    });
}
