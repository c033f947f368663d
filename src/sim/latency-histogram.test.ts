import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { LatencyHistogram } from './latency-histogram';

/** Nearest-rank percentile of sorted samples: the reference. */
function exactPercentile(sorted: readonly number[], p: number): number {
  return sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
}

describe('LatencyHistogram', () => {
  it('gives nearest-rank percentiles of 1..1000 ms within 1 %, never below', () => {
    const h = new LatencyHistogram();
    for (let ms = 1000; ms >= 1; ms--) h.record(ms);
    for (const [p, exact] of [
      [50, 500],
      [95, 950],
      [99, 990],
      [100, 1000],
    ] as const) {
      const got = h.percentile(p);
      assert.ok(got >= exact && got <= exact * 1.01, `p${p}: ${got} for ${exact}`);
    }
    assert.equal(h.count, 1000);
    assert.equal(h.max, 1000);
    assert.equal(h.mean, 500.5);
  });

  it('is within 1 % of the exact percentile for any samples', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 600_000, noNaN: true }), {
          minLength: 1,
          maxLength: 500,
        }),
        fc.double({ min: 0.1, max: 100, noNaN: true }),
        (samples, p) => {
          const h = new LatencyHistogram();
          for (const s of samples) h.record(s);
          const exact = exactPercentile(
            [...samples].sort((a, b) => a - b),
            p,
          );
          const got = h.percentile(p);
          assert.ok(got >= exact - 1e-9, `${got} < ${exact}`);
          assert.ok(got <= Math.max(exact * 1.01, 0.001) + 1e-9, `${got} > ${exact} + 1 %`);
        },
      ),
    );
  });

  it('answers 0 when empty, and refuses a percentile out of (0, 100]', () => {
    const h = new LatencyHistogram();
    assert.equal(h.percentile(99), 0);
    assert.equal(h.mean, 0);
    assert.throws(() => h.percentile(0), RangeError);
    assert.throws(() => h.percentile(101), RangeError);
  });
});
