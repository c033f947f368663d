/**
 * A flood of bad logins against one account from one address, over real
 * HTTP on 127.0.0.1 with a real access database. The server believes
 * X-Forwarded-For from 127.0.0.1 (`trustProxy`), which is how each request
 * here says which client address it comes from.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
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
  retryAfter: string | null;
  body: Record<string, unknown>;
}

describe('a flood of bad logins', () => {
  const dir = tempDir('eter-login-flood-');
  let ledger: EmbeddedLedger;
  let keys: TerminalKeyStore;
  let users: UserStore;
  let app: FastifyInstance;
  let url = '';

  const login = async (from: string, username: string, password: string): Promise<Answer> => {
    const response = await fetch(`${url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: JSON.stringify({ username, password }),
    });
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      retryAfter: response.headers.get('retry-after'),
      body: (await response.json()) as Record<string, unknown>,
    };
  };

  before(async () => {
    ledger = openLocalLedger(dir.path);
    keys = new TerminalKeyStore(join(dir.path, 'access.db'));
    users = new UserStore(join(dir.path, 'access.db'));
    for (const name of ['alice', 'bob']) {
      await users.create({
        username: name,
        password: `${name}-password`,
        role: 'customer',
        subjectId: `cust-${name}`,
      });
    }
    const config = loadConfig({
      flags: {
        role: 'collector',
        port: 0,
        dataDir: dir.path,
        logLevel: 'silent',
        trustProxy: '127.0.0.1',
        // The first back-off (1 s) is also the longest: the test waits it out.
        // Long enough that the flood's own hashing (slow on a busy machine) does
        // not outlast it before the attacker's next try; short for the test.
        loginBackoffMaxSeconds: 3,
      },
    });
    app = await buildServer({
      config,
      client: new ContractClient(ledger),
      keys,
      users,
      tokens: TokenService.open(dir.path),
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

  it('neither locks the owner out nor slows others, and lets the owner in after the back-off', async () => {
    const attacker = '203.0.113.66';
    // 80 wrong passwords for alice, sent at once from one address.
    const flood = Array.from({ length: 80 }, (_, i) => login(attacker, 'alice', `guess-${i}`));
    // Meanwhile the owner logs in from home, and bob from elsewhere.
    const [owner, other] = await Promise.all([
      login('198.51.100.7', 'alice', 'alice-password'),
      login('192.0.2.20', 'bob', 'bob-password'),
    ]);
    assert.equal(owner.status, 200, JSON.stringify(owner.body));
    assert.equal(other.status, 200, JSON.stringify(other.body));

    // As soon as the flood is refused, the attacker's address waits, even
    // with the right password (asked then, not after the whole flood: on a
    // busy machine the last guesses' hashing can outlast a short back-off).
    await Promise.any(
      flood.map(async (answer) => {
        if ((await answer).status !== 429) throw new Error('not refused');
      }),
    );
    const early = await login(attacker, 'alice', 'alice-password');
    assert.equal(early.status, 429);
    assert.match(early.retryAfter ?? '', /^[1-3]$/);

    const answers = await Promise.all(flood);
    const count = (status: number) => answers.filter((a) => a.status === status).length;
    // Five attempts are checked (and fail); the other 75 are refused before any hashing.
    assert.deepEqual([count(401), count(429)], [5, 75], answers.map((a) => a.status).join(' '));
    const refused = answers.find((a) => a.status === 429)!;
    assert.equal(refused.type, 'application/problem+json; charset=utf-8');
    assert.equal(refused.body.type, 'https://eter.dev/problems/rate-limited');
    assert.match(String(refused.body.detail), /for this username from this address/);
    assert.match(refused.retryAfter ?? '', /^[1-9]\d*$/);

    // Once the back-off has passed, the owner gets in from there too.
    let late = await login(attacker, 'alice', 'alice-password');
    if (late.status === 429) {
      await new Promise((resolve) => setTimeout(resolve, Number(late.retryAfter) * 1000));
      late = await login(attacker, 'alice', 'alice-password');
    }
    assert.equal(late.status, 200, JSON.stringify(late.body));
  });

  it('backs off an address that tries many usernames, and no other address', async () => {
    const stuffer = '203.0.113.99';
    const answers: Answer[] = [];
    // One after the other, a different username each time: the per-account bound never trips.
    // Sent at once they would be cut at the same place: an attempt in progress counts as failed.
    for (let i = 0; i < 22; i++) answers.push(await login(stuffer, `user-${i}`, 'password-1'));
    assert.deepEqual(
      answers.map((a) => a.status),
      [...Array<number>(20).fill(401), 429, 429],
    );
    assert.match(String(answers[20]!.body.detail), /^too many failed logins from this address/);
    assert.equal((await login('192.0.2.21', 'bob', 'bob-password')).status, 200);
  });
});
