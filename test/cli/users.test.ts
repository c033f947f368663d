/**
 * `eter users` as an operator runs it: real processes on a real data
 * folder, then the logins used against `eter serve` running as a process.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { tempDir } from '../support/engines';

const ETER = join(__dirname, '..', '..', '..', 'bin', 'eter.js');

function eter(args: string[], options: { password?: string; input?: string } = {}) {
  const env = { ...process.env };
  delete env.ETER_PASSWORD;
  if (options.password !== undefined) env.ETER_PASSWORD = options.password;
  const run = spawnSync(process.execPath, [ETER, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env,
    input: options.input ?? '',
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

/** Starts `eter serve` on a free port, logging everything, and resolves its URL. */
function startServer(
  data: string,
): Promise<{ child: ChildProcess; url: string; log: () => string }> {
  const child = spawn(
    process.execPath,
    [ETER, 'serve', '--data', data, '--port', '0', '--log-level', 'trace'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 30_000);
    const poll = setInterval(() => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        clearInterval(poll);
        resolve({ child, url: match[1]!, log: () => log });
      }
    }, 20);
    child.once('exit', (code) => {
      clearTimeout(timer);
      clearInterval(poll);
      reject(new Error(`server exited (${code}):\n${log}`));
    });
  });
}

describe('eter users', () => {
  const dir = tempDir('eter-users-cli-');
  const data = join(dir.path, 'data');
  let server: ChildProcess | undefined;
  after(() => {
    if (server?.exitCode === null) server.kill('SIGKILL');
    dir.cleanup();
  });

  it('adds a login with the password from ETER_PASSWORD', () => {
    const run = eter(
      [
        'users',
        'add',
        '--username',
        'alice',
        '--role',
        'customer',
        '--subject',
        'cust-0001',
        '--data',
        data,
      ],
      { password: 'alice-password' },
    );
    assert.equal(run.code, 0, run.err);
    assert.equal(run.out, 'added customer login alice acting for cust-0001\n');
    assert.ok(!(run.out + run.err).includes('alice-password'));
    assert.equal(statSync(join(data, 'access.db')).mode & 0o777, 0o600);
  });

  it('adds a login with the password from one line of standard input', () => {
    const run = eter(
      ['users', 'add', '--username', 'audrey', '--role', 'auditor', '--data', data],
      {
        input: 'audrey-password\nignored second line\n',
      },
    );
    assert.equal(run.code, 0, run.err);
    assert.equal(run.out, 'added auditor login audrey\n');
  });

  it('refuses bad logins with exit 2, naming the flag and the rule', () => {
    const noSubject = eter(
      ['users', 'add', '--username', 'bob', '--role', 'store', '--data', data],
      { password: 'bob-password' },
    );
    assert.equal(noSubject.code, 2);
    assert.match(noSubject.err, /--subject: store logins act for one participant/);
    const several = eter(['users', 'add', '--username', 'B', '--role', 'admin', '--data', data], {
      password: 'short',
    });
    assert.equal(several.code, 2);
    assert.match(several.err, /--username: 3 to 64/);
    assert.match(several.err, /password: must be at least 8/);
    assert.match(
      several.err,
      /--role: must be one of customer, store, retailer, manufacturer, auditor, operator/,
    );
    const noPassword = eter([
      'users',
      'add',
      '--username',
      'bob',
      '--role',
      'operator',
      '--data',
      data,
    ]);
    assert.equal(noPassword.code, 2);
    assert.match(noPassword.err, /ETER_PASSWORD or on standard input/);
    const taken = eter(
      ['users', 'add', '--username', 'alice', '--role', 'operator', '--data', data],
      {
        password: 'other-password',
      },
    );
    assert.equal(taken.code, 1);
    assert.match(taken.err, /login alice exists/);
  });

  it('explains in its help why the password is never a flag', () => {
    const help = eter(['users', 'add', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.out, /never\s+a\s+flag/);
    assert.match(help.out, /ps/);
    assert.match(help.out, /shell\s+history/);
  });

  it('lists logins, as text and JSON, without passwords or hashes', () => {
    const text = eter(['users', 'list', '--data', data]);
    assert.equal(text.code, 0, text.err);
    assert.match(
      text.out,
      /^alice {2}customer {2}cust-0001 {2}created \S+\naudrey {2}auditor {2}- {2}created \S+\n$/,
    );
    const json = eter(['users', 'list', '--json', '--data', data]);
    const list = JSON.parse(json.out) as Array<Record<string, unknown>>;
    assert.deepEqual(
      list.map((u) => [u.username, u.role, u.subjectId, u.disabledAt]),
      [
        ['alice', 'customer', 'cust-0001', null],
        ['audrey', 'auditor', null, null],
      ],
    );
    assert.ok(!/password|scrypt/.test(json.out));
  });

  it('serves the logins: login, /v1/me, and no password in the server log', async () => {
    const started = await startServer(data);
    server = started.child;
    const login = await fetch(`${started.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'alice', password: 'alice-password' }),
    });
    assert.equal(login.status, 200, await login.clone().text());
    const { token } = (await login.json()) as { token: string };
    const me = await fetch(`${started.url}/v1/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(me.status, 200);
    assert.deepEqual(await me.json(), {
      username: 'alice',
      role: 'customer',
      subjectId: 'cust-0001',
    });
    assert.equal(statSync(join(data, 'token-key')).mode & 0o777, 0o600);

    // A password changed while the server runs revokes the tokens issued under the old one.
    const audrey = await fetch(`${started.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'audrey', password: 'audrey-password' }),
    });
    assert.equal(audrey.status, 200, await audrey.clone().text());
    const audreyToken = ((await audrey.json()) as { token: string }).token;
    const passwd = eter(['users', 'passwd', 'audrey', '--data', data], {
      password: 'audrey-password-2',
    });
    assert.equal(passwd.code, 0, passwd.err);
    const afterPasswd = await fetch(`${started.url}/v1/me`, {
      headers: { authorization: `Bearer ${audreyToken}` },
    });
    assert.equal(afterPasswd.status, 401);
    const back = eter(['users', 'passwd', 'audrey', '--data', data], {
      password: 'audrey-password',
    });
    assert.equal(back.code, 0, back.err);

    // The access database is not locked by the server: an operator disables a login while it runs.
    const disable = eter(['users', 'disable', 'alice', '--data', data]);
    assert.equal(disable.code, 0, disable.err);
    assert.equal(disable.out, 'disabled alice\n');
    const afterDisable = await fetch(`${started.url}/v1/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(afterDisable.status, 401);

    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
    const log = started.log();
    assert.match(log, /\/v1\/auth\/login/, 'the trace log records requests');
    assert.ok(!log.includes('alice-password'), 'the password is not logged');
    assert.ok(!log.includes(token), 'the token is not logged');
  });

  it('lists a disabled login as such, and refuses to disable it twice', () => {
    assert.match(eter(['users', 'list', '--data', data]).out, /^alice .* DISABLED \S+$/m);
    const again = eter(['users', 'disable', 'alice', '--data', data]);
    assert.equal(again.code, 1);
    assert.match(again.err, /no active login alice/);
  });

  it('changes a password from standard input', () => {
    const run = eter(['users', 'passwd', 'audrey', '--data', data], {
      input: 'new-audrey-password\n',
    });
    assert.equal(run.code, 0, run.err);
    assert.equal(run.out, 'password of audrey changed\n');
    const nobody = eter(['users', 'passwd', 'nobody', '--data', data], {
      password: 'some-password',
    });
    assert.equal(nobody.code, 1);
    assert.match(nobody.err, /no login nobody/);
    const short = eter(['users', 'passwd', 'audrey', '--data', data], { password: 'short' });
    assert.equal(short.code, 2);
    assert.match(short.err, /password: must be at least 8/);
  });
});
