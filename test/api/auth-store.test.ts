/**
 * People's logins and tokens without HTTP: the user store on a real access
 * database in a temporary folder, the token service on a real key file.
 */
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { createSigner } from 'fast-jwt';
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { hashPassword, PasswordHashingBusyError } from '../../src/api/auth/password';
import {
  InvalidTokenError,
  TOKEN_KEY_FILE,
  TokenService,
  type TokenRejection,
} from '../../src/api/auth/tokens';
import {
  InvalidLoginError,
  LoginExistsError,
  UserStore,
  type LoginFieldError,
  type NewPersonLogin,
} from '../../src/api/auth/user-store';
import { TerminalKeyStore } from '../../src/api/terminal-keys';
import { tempDir } from '../support/engines';

describe('UserStore', () => {
  const dir = tempDir('eter-users-');
  const file = join(dir.path, 'access.db');
  const users = new UserStore(file);
  after(() => {
    users.close();
    dir.cleanup();
  });

  it('stores a login beside the terminal keys, with only a scrypt hash of its password', async () => {
    const keys = new TerminalKeyStore(file);
    try {
      keys.create('store-001', 'pos-01');
      const login = await users.create({
        username: 'alice',
        password: 'alice-password',
        role: 'customer',
        subjectId: 'cust-0001',
      });
      assert.deepEqual(
        { ...login, createdAt: undefined },
        {
          username: 'alice',
          role: 'customer',
          subjectId: 'cust-0001',
          createdAt: undefined,
          disabledAt: null,
        },
      );
      assert.equal(keys.list().length, 1);
    } finally {
      keys.close();
    }
    const db = new Database(file, { readonly: true });
    try {
      const row = db.prepare('SELECT * FROM person_login WHERE username = ?').get('alice') as {
        password_hash: string;
      };
      assert.match(row.password_hash, /^scrypt\$15\$8\$3\$/);
      assert.ok(!row.password_hash.includes('alice-password'));
    } finally {
      db.close();
    }
    assert.equal(statSync(file).mode & 0o777, 0o600);
  });

  it('authenticates the right password only, returning the person', async () => {
    assert.deepEqual(await users.authenticate('alice', 'alice-password'), {
      username: 'alice',
      role: 'customer',
      subjectId: 'cust-0001',
    });
    assert.equal(await users.authenticate('alice', 'alice-passwordx'), undefined);
    assert.equal(await users.authenticate('nobody', 'alice-password'), undefined);
    assert.equal(await users.authenticate('Alice', 'alice-password'), undefined);
  });

  const refused: Array<[string, Partial<NewPersonLogin>, LoginFieldError['field'], string]> = [
    ['an upper-case username', { username: 'Alice2' }, 'username', 'pattern'],
    ['a two-letter username', { username: 'al' }, 'username', 'pattern'],
    ['a username with a space', { username: 'al ice' }, 'username', 'pattern'],
    ['a short password', { password: 'short' }, 'password', 'minLength'],
    ['an oversized password', { password: 'x'.repeat(1025) }, 'password', 'maxLength'],
    ['an unknown role', { role: 'admin' }, 'role', 'enum'],
    ['a customer without a subject', { subjectId: null }, 'subjectId', 'required'],
    ['an auditor with a subject', { role: 'auditor' }, 'subjectId', 'forbidden'],
    ['an operator with a subject', { role: 'operator' }, 'subjectId', 'forbidden'],
    ['a subject that is no id', { subjectId: 'a b' }, 'subjectId', 'pattern'],
  ];
  for (const [what, change, field, rule] of refused) {
    it(`refuses ${what}, naming the field and rule`, async () => {
      const login = {
        username: 'newcomer',
        password: 'a fine password',
        role: 'customer',
        subjectId: 'cust-0002',
        ...change,
      };
      const error = await users.create(login).then(
        () => assert.fail('accepted'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof InvalidLoginError, String(error));
      assert.deepEqual(
        error.errors.map((e) => [e.field, e.rule]),
        [[field, rule]],
      );
      assert.match(error.message, new RegExp(`^${field}: `));
      assert.ok(users.list().every((u) => u.username !== 'newcomer'));
    });
  }

  it('refuses a login in a flood of hashing, and answers unknown usernames again after', async () => {
    // A fresh store: its decoy hash (checked for unknown usernames) is not made yet.
    const fresh = new UserStore(join(dir.path, 'flood.db'));
    try {
      const cheap = { log2N: 10, r: 8, p: 1 };
      // In one turn: one hash runs and 32 wait, so the store's own hashing is refused.
      const line = Array.from({ length: 33 }, (_, i) => hashPassword(`flood ${i}`, cheap));
      await assert.rejects(fresh.authenticate('nobody', 'any password'), PasswordHashingBusyError);
      await Promise.all(line);
      // The refused decoy hash was not kept: an unknown username is simply unknown.
      assert.equal(await fresh.authenticate('nobody', 'any password'), undefined);
    } finally {
      fresh.close();
    }
  });

  it('names every bad field at once', async () => {
    const error = await users
      .create({ username: 'X', password: 'short', role: 'admin' })
      .catch((e: unknown) => e);
    assert.ok(error instanceof InvalidLoginError);
    assert.deepEqual(
      error.errors.map((e) => e.field),
      ['username', 'password', 'role'],
    );
  });

  it('takes auditors and operators without a subject, and refuses a taken username', async () => {
    await users.create({ username: 'audrey', password: 'audit-password', role: 'auditor' });
    await users.create({ username: 'op.erator', password: 'op-password', role: 'operator' });
    await assert.rejects(
      users.create({ username: 'audrey', password: 'other-password', role: 'operator' }),
      LoginExistsError,
    );
    assert.deepEqual(await users.authenticate('audrey', 'audit-password'), {
      username: 'audrey',
      role: 'auditor',
      subjectId: null,
    });
  });

  it('lists logins without their hashes', () => {
    const list = users.list();
    assert.deepEqual(
      list.map((u) => u.username),
      ['alice', 'audrey', 'op.erator'],
    );
    assert.ok(!JSON.stringify(list).includes('scrypt'));
  });

  it('changes a password: the new one works, the old one no longer does', async () => {
    await users.create({
      username: 'stella',
      password: 'first-password',
      role: 'store',
      subjectId: 'store-001',
    });
    assert.equal(await users.setPassword('stella', 'second-password'), true);
    assert.equal(await users.authenticate('stella', 'first-password'), undefined);
    assert.equal((await users.authenticate('stella', 'second-password'))?.role, 'store');
    assert.equal(await users.setPassword('nobody', 'second-password'), false);
    await assert.rejects(users.setPassword('stella', 'short'), InvalidLoginError);
  });

  it('disables a login for good: it no longer authenticates, and its name stays taken', async () => {
    assert.equal(users.isActive('stella'), true);
    assert.equal(users.disable('stella'), true);
    assert.equal(users.disable('stella'), false);
    assert.equal(users.disable('nobody'), false);
    assert.equal(users.isActive('stella'), false);
    assert.equal(await users.authenticate('stella', 'second-password'), undefined);
    assert.ok(users.list().find((u) => u.username === 'stella')?.disabledAt);
    await assert.rejects(
      users.create({
        username: 'stella',
        password: 'third-password',
        role: 'store',
        subjectId: 'store-001',
      }),
      LoginExistsError,
    );
  });
});

describe('TokenService', () => {
  const dir = tempDir('eter-tokens-');
  after(() => dir.cleanup());
  const alice = { username: 'alice', role: 'customer', subjectId: 'cust-0001' } as const;

  const rejection = (service: TokenService, token: string): TokenRejection | 'accepted' => {
    try {
      service.verify(token);
      return 'accepted';
    } catch (error) {
      assert.ok(error instanceof InvalidTokenError, String(error));
      return error.reason;
    }
  };

  it('creates its secret once, 32 bytes readable by the owner only, and keeps it', () => {
    const first = TokenService.open(dir.path);
    const file = join(dir.path, TOKEN_KEY_FILE);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(readFileSync(file).length, 32);
    const issued = first.issue(alice);
    assert.deepEqual(TokenService.open(dir.path).verify(issued.token), alice);
  });

  it('issues a token carrying who the person is, the issuer and a 15-minute expiry', () => {
    const now = Date.UTC(2026, 10, 24, 10, 0, 0);
    const service = TokenService.open(dir.path, { now: () => now });
    const issued = service.issue(alice);
    assert.equal(issued.expiresAt, '2026-11-24T10:15:00.000Z');
    const [header, payload] = issued.token
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as object);
    assert.deepEqual(header, { alg: 'HS256', typ: 'JWT' });
    assert.deepEqual(payload, {
      iss: 'eter',
      sub: 'alice',
      role: 'customer',
      subjectId: 'cust-0001',
      gen: 0,
      iat: now / 1000,
      exp: now / 1000 + 900,
    });
    assert.deepEqual(service.verify(issued.token), alice);
  });

  it('refuses a token past its expiry as expired, and takes a configured lifetime', () => {
    const now = Date.now();
    const service = TokenService.open(dir.path, { ttlSeconds: 60 });
    const early = TokenService.open(dir.path, { ttlSeconds: 60, now: () => now - 61_000 });
    assert.equal(rejection(service, early.issue(alice).token), 'expired');
    const recent = TokenService.open(dir.path, { ttlSeconds: 60, now: () => now - 50_000 });
    assert.equal(rejection(service, recent.issue(alice).token), 'accepted');
    assert.throws(() => TokenService.open(dir.path, { ttlSeconds: 0 }), RangeError);
  });

  it('refuses tampered, foreign, unsigned and misshapen tokens as invalid', () => {
    const service = TokenService.open(dir.path);
    const secret = readFileSync(join(dir.path, TOKEN_KEY_FILE));
    const token = service.issue(alice).token;
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const sign = (value: object) =>
      createSigner({ key: secret, algorithm: 'HS256' })(value as Record<string, unknown>);
    const exp = Math.floor(Date.now() / 1000) + 600;
    const probes: Array<[string, string]> = [
      ['a raised role', `${header}.${encode({ ...claims, role: 'operator' })}.${signature}`],
      ['another subject', `${header}.${encode({ ...claims, subjectId: 'cust-9' })}.${signature}`],
      ['a flipped signature bit', `${header}.${payload}.${flip(signature)}`],
      ['another secret', new TokenService(randomBytes(32)).issue(alice).token],
      ['alg none', `${encode({ alg: 'none', typ: 'JWT' })}.${payload}.`],
      ['another issuer', sign({ ...claims, iss: 'someone-else' })],
      ['no issuer', sign({ sub: 'alice', role: 'customer', subjectId: 'cust-0001', exp })],
      ['no expiry', sign({ ...claims, exp: undefined })],
      ['an unknown role', sign({ ...claims, role: 'admin' })],
      ['a customer without subject', sign({ ...claims, subjectId: null })],
      ['an auditor with a subject', sign({ ...claims, role: 'auditor' })],
      ['a bad username', sign({ ...claims, sub: 'Alice Smith' })],
      ['garbage', 'not.a.token'],
      ['an empty string', ''],
    ];
    for (const [what, probe] of probes) assert.equal(rejection(service, probe), 'invalid', what);
  });

  it('refuses a key file too short to be a secret', () => {
    const other = tempDir('eter-tokens-short-');
    try {
      writeFileSync(join(other.path, TOKEN_KEY_FILE), 'short', { mode: 0o600 });
      assert.throws(() => TokenService.open(other.path), /needs 32/);
    } finally {
      other.cleanup();
    }
  });

  it('tells JWTs from terminal keys', () => {
    assert.equal(TokenService.looksLikeToken(TokenService.open(dir.path).issue(alice).token), true);
    assert.equal(TokenService.looksLikeToken(`eter_${'0'.repeat(16)}_${'A'.repeat(43)}`), false);
  });
});

function flip(base64url: string): string {
  const bytes = Buffer.from(base64url, 'base64url');
  bytes[0]! ^= 1;
  return bytes.toString('base64url');
}
