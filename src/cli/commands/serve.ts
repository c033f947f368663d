import type { Command } from 'commander';
import { loadConfig, ConfigError, type ServerConfig } from '../../api/config';
import { limitHeapGrowth } from '../../node/heap-growth';
import { CliError } from '../cli-error';
import { startServer } from '../local-server';
import { exitAfter } from '../shutdown-deadline';

export { ACCESS_DB } from '../local-server';

interface ServeOptions {
  role?: string;
  host?: string;
  port?: string;
  data?: string;
  logLevel?: string;
  config?: string;
  ledger?: string;
  fabricProfile?: string;
}

/** `eter serve`: the collector and/or query HTTP server, on the embedded ledger or a Fabric network. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the HTTP API (collector, query or both) on the embedded ledger or on Fabric')
    .option('--role <role>', 'collector | query | all (env ETER_ROLE)')
    .option('--host <host>', 'address to listen on (env ETER_HOST; default 127.0.0.1)')
    .option('--port <port>', 'port (env ETER_PORT; default 8080; 0 picks a free one)')
    .option('-d, --data <dir>', 'data folder (env ETER_DATA; default ./data)')
    .option('--log-level <level>', 'fatal | error | warn | info | debug | trace | silent')
    .option('--config <file>', 'JSON configuration file (flags and environment take precedence)')
    .option('--ledger <engine>', 'embedded | fabric (env ETER_LEDGER; default embedded)')
    .option(
      '--fabric-profile <file>',
      'Fabric connection profile, e.g. from `eter fabric up` (env ETER_FABRIC_PROFILE)',
    )
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
            ledger: options.ledger,
            fabricProfile: options.fabricProfile,
          },
          env: process.env,
          ...(options.config === undefined ? {} : { file: options.config }),
        });
      } catch (error) {
        if (error instanceof ConfigError) throw new CliError(error.message);
        throw error;
      }
      limitHeapGrowth(config.heapGrowthPercent);
      const server = await startServer(config);
      const { app, address } = server;
      const shutdown = async (signal: string) => {
        app.log.info({ signal }, 'shutting down');
        exitAfter(config.shutdownTimeout, 'eter serve');
        await server.close();
      };
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
      app.log.info(`eter ${config.role} listening on ${address} (API docs: ${address}/docs)`);
    });
}
