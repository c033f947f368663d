import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, DEFAULT_CONFIG, loadConfig } from './config';

describe('loadConfig', () => {
  it('gives the defaults when nothing is set', () => {
    assert.deepEqual(loadConfig({ env: {} }), DEFAULT_CONFIG);
  });

  it('takes flags over the environment over the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eter-config-'));
    try {
      const file = join(dir, 'eter.json');
      writeFileSync(file, JSON.stringify({ port: 1, endorsers: 3, intakeQueue: 7 }));
      const config = loadConfig({
        file,
        env: { ETER_PORT: '2', ETER_ENDORSERS: '4' },
        flags: { port: '3' },
      });
      assert.equal(config.port, 3);
      assert.equal(config.endorsers, 4);
      assert.equal(config.intakeQueue, 7);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const BAD: Array<[string, Parameters<typeof loadConfig>[0], RegExp]> = [
    ['no endorsing thread', { env: { ETER_ENDORSERS: '0' } }, /^ETER_ENDORSERS: must be >= 1$/],
    [
      'too many endorsing threads',
      { env: { ETER_ENDORSERS: '17' } },
      /^ETER_ENDORSERS: must be <= 16$/,
    ],
    [
      'a word for a number',
      { env: { ETER_ENDORSERS: 'two' } },
      /^ETER_ENDORSERS: must be integer$/,
    ],
    ['a bad flag', { env: {}, flags: { port: '70000' } }, /^--port: must be <= 65535$/],
    [
      'a heap growth past fourfold',
      { env: { ETER_HEAP_GROWTH: '401' } },
      /^ETER_HEAP_GROWTH: must be <= 400$/,
    ],
    ['an unknown role', { env: { ETER_ROLE: 'writer' } }, /^ETER_ROLE: must be equal to one of/],
    [
      'headers given longer than the whole request',
      { env: { ETER_HEADERS_TIMEOUT: '30', ETER_REQUEST_TIMEOUT: '20' } },
      /^headersTimeoutSeconds \(30\) must not exceed requestTimeoutSeconds \(20\)$/,
    ],
    [
      'a trusted proxy that is no address',
      { env: { ETER_TRUST_PROXY: 'true' } },
      /^ETER_TRUST_PROXY: addresses, CIDR ranges or loopback, linklocal, uniquelocal/,
    ],
    [
      'no free login attempt',
      { env: { ETER_LOGIN_ATTEMPTS: '0' } },
      /^ETER_LOGIN_ATTEMPTS: must be >= 1$/,
    ],
    [
      'fabric without a profile',
      { env: { ETER_LEDGER: 'fabric' } },
      /^fabricProfile: required with ledger fabric/,
    ],
  ];
  for (const [what, sources, message] of BAD) {
    it(`refuses ${what}, naming the setting and where it came from`, () => {
      assert.throws(
        () => loadConfig(sources),
        (error: unknown) =>
          error instanceof ConfigError && error.problems.some((p) => message.test(p)),
      );
    });
  }

  it('takes the limits from the environment', () => {
    const config = loadConfig({
      env: {
        ETER_TRUST_PROXY: '10.0.0.0/8, loopback',
        ETER_TERMINAL_RATE: '600',
        ETER_PERSON_RATE: '120',
        ETER_STREAMS_PER_LOGIN: '2',
        ETER_LOGIN_BACKOFF_MAX: '60',
      },
    });
    assert.equal(config.trustProxy, '10.0.0.0/8, loopback');
    assert.deepEqual(
      [
        config.terminalRequestsPerMinute,
        config.personRequestsPerMinute,
        config.streamsPerLogin,
        config.loginBackoffMaxSeconds,
      ],
      [600, 120, 2, 60],
    );
  });

  it('names every bad setting at once', () => {
    assert.throws(
      () => loadConfig({ env: { ETER_ENDORSERS: '0', ETER_PORT: '99999' } }),
      (error: unknown) => error instanceof ConfigError && error.problems.length === 2,
    );
  });
});
