import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isRefusal, LoginThrottle, type LoginAttempt, type LoginRefusal } from './login-throttle';

describe('LoginThrottle', () => {
  const make = (clock: { now: number }, capacity?: number) =>
    new LoginThrottle({
      perAccount: 3,
      perAddress: 5,
      maxBackoffMs: 8000,
      forgetMs: 60_000,
      ...(capacity === undefined ? {} : { capacity }),
      now: () => clock.now,
    });
  const fail = (throttle: LoginThrottle, user: string, from: string) => {
    const attempt = throttle.begin(user, from);
    assert.ok(!isRefusal(attempt), 'expected to be let through');
    attempt.settle('failure');
  };
  const waitOf = (result: LoginAttempt | LoginRefusal) =>
    isRefusal(result) ? result.retryAfterSeconds : 0;

  it('lets the free attempts through, then doubles the wait after each failure, up to the cap', () => {
    const clock = { now: 0 };
    const throttle = make(clock);
    for (let i = 0; i < 3; i++) fail(throttle, 'alice', 'a');
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const refused = throttle.begin('alice', 'a');
      assert.ok(isRefusal(refused));
      assert.equal(refused.scope, 'account');
      waits.push(refused.retryAfterSeconds);
      clock.now += refused.retryAfterSeconds * 1000;
      fail(throttle, 'alice', 'a');
    }
    assert.deepEqual(waits, [1, 2, 4, 8, 8]);
  });

  it('counts attempts in progress, so a burst is cut where a sequence would be', () => {
    const throttle = make({ now: 0 });
    const results = Array.from({ length: 10 }, () => throttle.begin('alice', 'a'));
    assert.equal(results.filter((r) => !isRefusal(r)).length, 3);
  });

  it('ends the account back-off on success, but not the address one', () => {
    const clock = { now: 0 };
    const throttle = make(clock);
    fail(throttle, 'alice', 'a');
    fail(throttle, 'alice', 'a');
    fail(throttle, 'bob', 'a');
    fail(throttle, 'carol', 'a');
    const ok = throttle.begin('alice', 'a');
    assert.ok(!isRefusal(ok));
    ok.settle('success');
    // alice's account is clear, but the address has 4 failures and 1 more free attempt.
    fail(throttle, 'alice', 'a');
    const refused = throttle.begin('dave', 'a');
    assert.ok(isRefusal(refused));
    assert.equal(refused.scope, 'address');
    assert.equal(waitOf(throttle.begin('dave', 'b')), 0);
  });

  it('does not count attempts that were never checked, and forgets after a quiet spell', () => {
    const clock = { now: 0 };
    const throttle = make(clock);
    for (let i = 0; i < 10; i++) {
      const attempt = throttle.begin('alice', 'a');
      assert.ok(!isRefusal(attempt));
      attempt.settle('not-checked');
    }
    for (let i = 0; i < 3; i++) fail(throttle, 'alice', 'a');
    assert.ok(waitOf(throttle.begin('alice', 'a')) > 0);
    clock.now += 60_001;
    assert.equal(waitOf(throttle.begin('alice', 'a')), 0);
  });

  it('remembers at most its capacity of clients', () => {
    const throttle = make({ now: 0 }, 10);
    for (let i = 0; i < 50; i++) fail(throttle, `user-${i}`, `10.0.0.${i}`);
    assert.ok(throttle.size <= 10, `${throttle.size} remembered`);
  });
});
