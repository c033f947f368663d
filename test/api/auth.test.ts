/**
 * People's logins over real HTTP on 127.0.0.1: a real access database and
 * token key in a temporary folder, beside a real embedded ledger.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { hashPassword } from '../../src/api/auth/password';
import { TokenService } from '../../src/api/auth/tokens';
import { UserStore } from '../../src/api/auth/user-store';
import { loadConfig } from '../../src/api/config';
import { buildServer } from '../../src/api/server';
import { TerminalKeyStore } from '../../src/api/terminal-keys';
import { ContractClient } from '../../src/client/contract-client';
import type { EmbeddedLedger } from '../../src/ledger/embedded';
import { localIdentities, openLocalLedger } from '../../src/node/local-node';
import { tempDir } from '../support/engines';

interface Answer {
  status: number;
  type: string;
  headers: Headers;
  body: Record<string, unknown>;
}

async function call(
  url: string,
  init: { method?: string; body?: unknown; token?: string } = {},
): Promise<Answer> {
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.token === undefined ? {} : { authorization: `Bearer ${init.token}` }),
    },
    ...(init.body === undefined
      ? {}
      : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    headers: response.headers,
    body: text.length > 0 ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

describe('logins API', () => {
  const dir = tempDir('eter-auth-');
  let ledger: EmbeddedLedger;
  let keys: TerminalKeyStore;
  let users: UserStore;
  let app: FastifyInstance;
  let url = '';
  const login = (body: unknown) => call(`${url}/v1/auth/login`, { body });
  const me = (token?: string) => call(`${url}/v1/me`, token === undefined ? {} : { token });

  before(async () => {
    ledger = openLocalLedger(dir.path);
    keys = new TerminalKeyStore(join(dir.path, 'access.db'));
    users = new UserStore(join(dir.path, 'access.db'));
    await users.create({
      username: 'alice',
      password: 'alice-password',
      role: 'customer',
      subjectId: 'cust-0001',
    });
    await users.create({ username: 'audrey', password: 'audrey-password', role: 'auditor' });
    await users.create({
      username: 'stella',
      password: 'stella-password',
      role: 'store',
      subjectId: 'store-001',
    });
    // Logins are served in every role; the collector role needs no read model.
    const config = loadConfig({
      flags: { role: 'collector', port: 0, dataDir: dir.path, logLevel: 'silent' },
    });
    app = await buildServer({
      config,
      client: new ContractClient(ledger),
      keys,
      users,
      tokens: TokenService.open(dir.path, { ttlSeconds: config.tokenTtlSeconds }),
      identities: localIdentities,
    });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await app?.close();
    await ledger?.close();
    keys?.close();
    users?.close();
    dir.cleanup();
  });

  it('logs a person in with a 15-minute bearer token that /v1/me accepts', async () => {
    const started = Date.now();
    const r = await login({ username: 'alice', password: 'alice-password' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.tokenType, 'Bearer');
    assert.equal(r.headers.get('cache-control'), 'no-store');
    assert.deepEqual(r.body.person, {
      username: 'alice',
      role: 'customer',
      subjectId: 'cust-0001',
    });
    const expiresIn = Date.parse(String(r.body.expiresAt)) - started;
    assert.ok(expiresIn > 899_000 && expiresIn <= 901_000, `expires in ${expiresIn} ms`);
    const who = await me(String(r.body.token));
    assert.equal(who.status, 200, JSON.stringify(who.body));
    assert.deepEqual(who.body, { username: 'alice', role: 'customer', subjectId: 'cust-0001' });
  });

  it('logs in every kind of person, with or without a participant', async () => {
    const r = await login({ username: 'audrey', password: 'audrey-password' });
    assert.equal(r.status, 200);
    assert.deepEqual((await me(String(r.body.token))).body, {
      username: 'audrey',
      role: 'auditor',
      subjectId: null,
    });
  });

  it('puts who the person is in the token, and never the password or its hash', async () => {
    const r = await login({ username: 'alice', password: 'alice-password' });
    const payload = JSON.parse(
      Buffer.from(String(r.body.token).split('.')[1]!, 'base64url').toString('utf8'),
    ) as Record<string, unknown>;
    assert.deepEqual(Object.keys(payload).sort(), [
      'exp',
      'gen',
      'iat',
      'iss',
      'role',
      'sub',
      'subjectId',
    ]);
    const text = JSON.stringify(payload) + JSON.stringify(r.body);
    assert.ok(!text.includes('alice-password'));
    assert.ok(!/scrypt|password_?hash/i.test(text), text);
  });

  it('answers a wrong password and an unknown username alike: 401, same body', async () => {
    const wrong = await login({ username: 'alice', password: 'not-her-password' });
    const unknown = await login({ username: 'mallory', password: 'alice-password' });
    const invalid = await login({ username: 'Not A Username!', password: 'alice-password' });
    for (const r of [wrong, unknown, invalid]) {
      assert.equal(r.status, 401);
      assert.match(r.type, /application\/problem\+json/);
    }
    assert.deepEqual(wrong.body, unknown.body);
    assert.deepEqual(wrong.body, invalid.body);
    assert.equal(wrong.body.title, 'Wrong username or password');
    assert.equal(wrong.body.token, undefined);
  });

  const malformed: Array<[string, unknown, string, string]> = [
    ['no username', { password: 'alice-password' }, '/username', 'required'],
    ['no password', { username: 'alice' }, '/password', 'required'],
    ['a numeric password', { username: 'alice', password: 12345678 }, '/password', 'type'],
    ['an empty username', { username: '', password: 'alice-password' }, '/username', 'minLength'],
    [
      'an oversized password',
      { username: 'alice', password: 'x'.repeat(1025) },
      '/password',
      'maxLength',
    ],
    [
      'an unknown field',
      { username: 'alice', password: 'alice-password', remember: true },
      '/remember',
      'additionalProperties',
    ],
    ['an array', [], '', 'type'],
    ['a string', '"alice"', '', 'type'],
    ['a body that is not JSON', '{"username": ', '', 'json'],
  ];
  for (const [what, body, path, rule] of malformed) {
    it(`refuses a login with ${what} with 400, naming the field and rule`, async () => {
      const r = await login(body);
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.match(r.type, /application\/problem\+json/);
      const errors = r.body.errors as Array<{ path: string; rule: string; message: string }>;
      assert.ok(
        errors.some((e) => e.path === path && e.rule === rule && e.message.length > 0),
        JSON.stringify(errors),
      );
    });
  }

  it('names both missing fields at once', async () => {
    const r = await login({});
    const errors = r.body.errors as Array<{ path: string }>;
    assert.deepEqual(
      errors.map((e) => e.path),
      ['/username', '/password'],
    );
  });

  it('answers /v1/me without a token with 401 and a Bearer challenge', async () => {
    const r = await me();
    assert.equal(r.status, 401);
    assert.match(r.type, /application\/problem\+json/);
    assert.match(r.headers.get('www-authenticate') ?? '', /^Bearer/);
  });

  it('refuses an expired token with 401 invalid_token, without waiting for it to expire', async () => {
    const past = TokenService.open(dir.path, { now: () => Date.now() - 3_600_000 });
    const { token } = past.issue({ username: 'alice', role: 'customer', subjectId: 'cust-0001' });
    const r = await me(token);
    assert.equal(r.status, 401);
    assert.match(r.type, /application\/problem\+json/);
    assert.match(r.headers.get('www-authenticate') ?? '', /error="invalid_token"/);
    assert.match(String(r.body.detail), /expired/);
  });

  it('refuses a tampered token with 401 invalid_token', async () => {
    const { token } = (await login({ username: 'alice', password: 'alice-password' })).body as {
      token: string;
    };
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as object;
    const raised = Buffer.from(JSON.stringify({ ...claims, role: 'operator', subjectId: null }));
    for (const tampered of [
      `${header}.${raised.toString('base64url')}.${signature}`,
      `${header}.${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`,
      new TokenService(Buffer.alloc(32, 7)).issue({
        username: 'audrey',
        role: 'auditor',
        subjectId: null,
      }).token,
    ]) {
      const r = await me(tampered);
      assert.equal(r.status, 401);
      assert.match(r.headers.get('www-authenticate') ?? '', /error="invalid_token"/);
    }
  });

  it('keeps a disabled login out: no new token, and its current tokens stop working', async () => {
    const before = await login({ username: 'stella', password: 'stella-password' });
    const token = String(before.body.token);
    assert.equal((await me(token)).status, 200);
    users.disable('stella');
    const again = await login({ username: 'stella', password: 'stella-password' });
    assert.equal(again.status, 401);
    assert.equal(again.body.title, 'Wrong username or password');
    const r = await me(token);
    assert.equal(r.status, 401);
    assert.match(r.headers.get('www-authenticate') ?? '', /error="invalid_token"/);
  });

  it('logs out: every token of the login is refused from then on, and a new login works', async () => {
    const first = String(
      (await login({ username: 'audrey', password: 'audrey-password' })).body.token,
    );
    const second = String(
      (await login({ username: 'audrey', password: 'audrey-password' })).body.token,
    );
    const out = await call(`${url}/v1/auth/logout`, { method: 'POST', token: first });
    assert.equal(out.status, 204, JSON.stringify(out.body));
    for (const token of [first, second]) {
      const r = await me(token);
      assert.equal(r.status, 401);
      assert.match(r.headers.get('www-authenticate') ?? '', /error="invalid_token"/);
      assert.match(String(r.body.detail), /revoked/);
    }
    assert.equal(
      (await call(`${url}/v1/auth/logout`, { method: 'POST', token: first })).status,
      401,
    );
    const again = await login({ username: 'audrey', password: 'audrey-password' });
    assert.equal((await me(String(again.body.token))).status, 200);
  });

  it('revokes the tokens issued under a password once it is changed', async () => {
    const token = String(
      (await login({ username: 'alice', password: 'alice-password' })).body.token,
    );
    assert.equal((await me(token)).status, 200);
    assert.equal(await users.setPassword('alice', 'alice-new-password'), true);
    try {
      const r = await me(token);
      assert.equal(r.status, 401);
      assert.match(String(r.body.detail), /revoked/);
      const fresh = await login({ username: 'alice', password: 'alice-new-password' });
      assert.equal((await me(String(fresh.body.token))).status, 200);
    } finally {
      // The tests after this one log alice in with her first password.
      await users.setPassword('alice', 'alice-password');
    }
  });

  it('answers a flood of logins with 503 and Retry-After once 32 wait, and logs in after', async () => {
    // One slow hash (~1.4 s) holds the one slot and 32 cheap ones fill the line behind it.
    const slow = hashPassword('slow', { log2N: 15, r: 8, p: 16 });
    const line = Array.from({ length: 32 }, (_, i) =>
      hashPassword(`queued ${i}`, { log2N: 10, r: 8, p: 1 }),
    );
    const r = await login({ username: 'alice', password: 'alice-password' });
    assert.equal(r.status, 503, JSON.stringify(r.body));
    assert.equal(r.headers.get('retry-after'), '2');
    assert.equal(r.body.type, 'https://eter.dev/problems/overloaded');
    assert.ok(!JSON.stringify(r.body).includes('alice-password'));
    await Promise.all([slow, ...line]);
    assert.equal((await login({ username: 'alice', password: 'alice-password' })).status, 200);
  });

  it('does not take a terminal API key as a login', async () => {
    const { apiKey } = keys.create('store-001', 'pos-01');
    const r = await me(apiKey);
    assert.equal(r.status, 401);
    assert.match(r.headers.get('www-authenticate') ?? '', /^Bearer realm="eter"$/);
  });

  it('documents the login routes under the personToken scheme', async () => {
    const doc = (await (await fetch(`${url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { security?: unknown }>>;
      components: {
        securitySchemes: Record<string, { scheme?: string; bearerFormat?: string }>;
        schemas: Record<string, unknown>;
      };
    };
    assert.deepEqual(doc.components.securitySchemes.personToken, {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: "A person's login token (POST /v1/auth/login)",
    });
    assert.ok(doc.paths['/v1/auth/login']?.post);
    assert.deepEqual(doc.paths['/v1/me']?.get?.security, [{ personToken: [] }]);
    assert.ok(doc.components.schemas.Person);
  });
});
