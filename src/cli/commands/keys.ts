import type { Command } from 'commander';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TerminalKeyStore } from '../../api/terminal-keys';
import { CliError } from '../cli-error';
import { dataOption } from '../data-dir';
import { ACCESS_DB } from './serve';

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

/** `eter keys`: the operator's management of point-of-sale terminal API keys. */
export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('manage point-of-sale terminal API keys');
  const open = (data: string) => {
    const dir = resolve(data);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return new TerminalKeyStore(join(dir, ACCESS_DB));
  };

  keys
    .command('create')
    .description('create a key for a terminal of a store; the key is shown once')
    .requiredOption('--store <storeId>', 'store the terminal belongs to')
    .requiredOption('--terminal <terminalId>', 'terminal id')
    .option(...dataOption)
    .action((options: { store: string; terminal: string; data: string }) => {
      for (const [flag, value] of [
        ['--store', options.store],
        ['--terminal', options.terminal],
      ] as const) {
        if (!ID.test(value))
          throw new CliError(`${flag} takes an id of letters, digits, . _ - (at most 32)`);
      }
      const store = open(options.data);
      try {
        const { apiKey, key } = store.create(options.store, options.terminal);
        process.stdout.write(
          `key ${key.keyId} for terminal ${key.terminalId} of store ${key.storeId}:\n${apiKey}\n`,
        );
        process.stderr.write('store it now: it is not kept and cannot be shown again\n');
      } finally {
        store.close();
      }
    });

  keys
    .command('list')
    .description('list keys (never their secrets)')
    .option(...dataOption)
    .option('--json', 'print JSON')
    .action((options: { data: string; json?: boolean }) => {
      const store = open(options.data);
      try {
        const list = store.list();
        if (options.json) process.stdout.write(`${JSON.stringify(list)}\n`);
        else
          for (const k of list) {
            process.stdout.write(
              `${k.keyId}  ${k.storeId}/${k.terminalId}  created ${k.createdAt}${k.revokedAt ? `  REVOKED ${k.revokedAt}` : ''}\n`,
            );
          }
      } finally {
        store.close();
      }
    });

  keys
    .command('revoke')
    .description('revoke a key at once')
    .argument('<keyId>')
    .option(...dataOption)
    .action((keyId: string, options: { data: string }) => {
      const store = open(options.data);
      try {
        if (!store.revoke(keyId)) throw new CliError(`no active key ${keyId}`, 1);
        process.stdout.write(`revoked ${keyId}\n`);
      } finally {
        store.close();
      }
    });
}
