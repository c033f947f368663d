import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { RateSchedule } from './rate-schedule';

describe('RateSchedule', () => {
  it('makes one ticket due at the start, then one every 1/rate seconds', () => {
    const s = new RateSchedule(20, 1_000);
    assert.equal(s.dueBy(999.9), 0);
    assert.equal(s.dueBy(1_000), 1);
    assert.equal(s.dueBy(1_049.9), 1);
    assert.equal(s.dueBy(1_050), 2);
    assert.equal(s.dueBy(2_000), 21);
    assert.equal(s.timeOf(0), 1_000);
    assert.equal(s.timeOf(20), 2_000);
  });

  it('keeps the offered load whatever happened before: an hour late, an hour of tickets is due', () => {
    const s = new RateSchedule(1000, 0);
    assert.equal(s.dueBy(3_600_000), 3_600_001);
  });

  it('has ticket i due exactly at timeOf(i), not one tick later, for any rate', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 100_000, noNaN: true }),
        fc.double({ min: 0, max: 1e12, noNaN: true }),
        fc.nat({ max: 10_000_000 }),
        (rate, start, i) => {
          const s = new RateSchedule(rate, start);
          assert.equal(s.dueBy(s.timeOf(i)), i + 1);
          if (i > 0) assert.ok(s.dueBy(s.timeOf(i) - (s.timeOf(i) - s.timeOf(i - 1)) / 2) <= i);
        },
      ),
    );
  });

  it('refuses a rate that is not a positive number', () => {
    for (const rate of [0, -1, NaN, Infinity]) {
      assert.throws(() => new RateSchedule(rate, 0), RangeError);
    }
  });
});
