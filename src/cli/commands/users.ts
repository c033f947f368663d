import type { Command } from 'commander';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PERSON_ROLES } from '../../api/auth/person';
import {
  InvalidLoginError,
  LoginExistsError,
  UserStore,
  type LoginField,
} from '../../api/auth/user-store';
import { CliError } from '../cli-error';
import { dataOption } from '../data-dir';
import { PASSWORD_ENV, readPassword } from '../read-password';
import { ACCESS_DB } from './serve';

const PASSWORD_HELP = `
The password is read from ${PASSWORD_ENV} or, when that is unset, from one
line of standard input (typed without echo at a terminal). It is never a
flag, because command-line arguments are visible to every user in \`ps\` and
are kept in shell history.`;

/** Where each field of a login comes from on this command line. */
const SOURCE: Record<LoginField, string> = {
  username: '--username',
  role: '--role',
  subjectId: '--subject',
  password: 'password',
};

/** `eter users`: the operator's management of people's logins (off the ledger, in the access database). */
export function registerUsers(program: Command): void {
  const users = program
    .command('users')
    .description("manage people's logins: customers, stores, manufacturers, auditors, operators")
    .addHelpText('after', PASSWORD_HELP);
  const open = (data: string) => {
    const dir = resolve(data);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return new UserStore(join(dir, ACCESS_DB));
  };

  users
    .command('add')
    .description('add a login; the password comes from ETER_PASSWORD or standard input')
    .requiredOption('--username <name>', '3 to 64 of a-z 0-9 . _ -')
    .requiredOption('--role <role>', PERSON_ROLES.join(' | '))
    .option(
      '--subject <id>',
      'the customer, store, retailer or manufacturer id the login acts for (required for those roles). ' +
        'Not checked against the ledger, which a running server may hold: make sure it is registered',
    )
    .option(...dataOption)
    .addHelpText('after', PASSWORD_HELP)
    .action(async (options: { username: string; role: string; subject?: string; data: string }) => {
      const password = await readPassword();
      const store = open(options.data);
      try {
        const login = await store.create({
          username: options.username,
          password,
          role: options.role,
          subjectId: options.subject ?? null,
        });
        const acting = login.subjectId === null ? '' : ` acting for ${login.subjectId}`;
        process.stdout.write(`added ${login.role} login ${login.username}${acting}\n`);
      } catch (error) {
        throw asCliError(error);
      } finally {
        store.close();
      }
    });

  users
    .command('list')
    .description('list logins (never their password hashes)')
    .option(...dataOption)
    .option('--json', 'print JSON')
    .action((options: { data: string; json?: boolean }) => {
      const store = open(options.data);
      try {
        const list = store.list();
        if (options.json) process.stdout.write(`${JSON.stringify(list)}\n`);
        else
          for (const u of list) {
            process.stdout.write(
              `${u.username}  ${u.role}  ${u.subjectId ?? '-'}  created ${u.createdAt}${u.disabledAt ? `  DISABLED ${u.disabledAt}` : ''}\n`,
            );
          }
      } finally {
        store.close();
      }
    });

  users
    .command('disable')
    .description('disable a login at once: it can no longer log in, and its tokens stop working')
    .argument('<username>')
    .option(...dataOption)
    .action((username: string, options: { data: string }) => {
      const store = open(options.data);
      try {
        if (!store.disable(username)) throw new CliError(`no active login ${username}`, 1);
        process.stdout.write(`disabled ${username}\n`);
      } finally {
        store.close();
      }
    });

  users
    .command('passwd')
    .description("set a login's password; it comes from ETER_PASSWORD or standard input")
    .argument('<username>')
    .option(...dataOption)
    .addHelpText('after', PASSWORD_HELP)
    .action(async (username: string, options: { data: string }) => {
      const password = await readPassword();
      const store = open(options.data);
      try {
        if (!(await store.setPassword(username, password)))
          throw new CliError(`no login ${username}`, 1);
        process.stdout.write(`password of ${username} changed\n`);
      } catch (error) {
        throw asCliError(error);
      } finally {
        store.close();
      }
    });
}

/** A refused login as the one line the CLI prints, naming the flag at fault. */
function asCliError(error: unknown): unknown {
  if (error instanceof InvalidLoginError)
    return new CliError(error.errors.map((e) => `${SOURCE[e.field]}: ${e.message}`).join('\n'));
  if (error instanceof LoginExistsError) return new CliError(`login ${error.username} exists`, 1);
  return error;
}
