import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_RETRY_AFTER_MS, MAX_RETRY_AFTER_MS, retryAfterMs } from './retry-after';

describe('retryAfterMs', () => {
  const now = Date.parse('2026-11-24T10:00:00Z');

  it('reads delay-seconds', () => {
    assert.equal(retryAfterMs('1', now), 1000);
    assert.equal(retryAfterMs(' 5 ', now), 5000);
    assert.equal(retryAfterMs('0', now), 0);
  });

  it('reads an HTTP date, a past one meaning now', () => {
    assert.equal(retryAfterMs('Tue, 24 Nov 2026 10:00:03 GMT', now), 3000);
    assert.equal(retryAfterMs('Tue, 24 Nov 2026 09:00:00 GMT', now), 0);
  });

  it('falls back to the default for a missing or malformed header', () => {
    for (const header of [null, undefined, '', 'soon', '1.5', '-1']) {
      assert.equal(retryAfterMs(header, now), DEFAULT_RETRY_AFTER_MS, String(header));
    }
  });

  it('caps a wait that would park the client', () => {
    assert.equal(retryAfterMs('86400', now), MAX_RETRY_AFTER_MS);
  });
});
