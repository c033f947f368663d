/** Relative width of a bucket: percentiles are exact to within 1 %. */
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
/** Bucket 0 holds everything up to one microsecond. */
const UNIT_MS = 0.001;

/**
 * Latencies in logarithmic buckets, for percentiles in constant memory: a
 * simulation of hours at thousands of tickets per second keeps a few
 * thousand counters, not millions of samples. Each percentile is the upper
 * bound of its bucket (never more than the largest sample), so it is at most
 * 1 % above the true value and never below it.
 */
export class LatencyHistogram {
  private readonly buckets: number[] = [];
  private total = 0;
  private sumMs = 0;
  private maxMs = 0;

  /** Records one latency, in milliseconds (negative values count as 0). */
  record(ms: number): void {
    const value = Math.max(0, ms);
    const bucket = bucketOf(value);
    this.buckets[bucket] = (this.buckets[bucket] ?? 0) + 1;
    this.total++;
    this.sumMs += value;
    if (value > this.maxMs) this.maxMs = value;
  }

  /** How many latencies were recorded. */
  get count(): number {
    return this.total;
  }

  /** The largest latency recorded, exactly; 0 when none. */
  get max(): number {
    return this.maxMs;
  }

  /** The mean latency; 0 when none. */
  get mean(): number {
    return this.total === 0 ? 0 : this.sumMs / this.total;
  }

  /**
   * The latency that `p` percent of the samples do not exceed (nearest-rank
   * definition), 0 < p ≤ 100; 0 when nothing was recorded.
   */
  percentile(p: number): number {
    if (!(p > 0 && p <= 100)) throw new RangeError(`a percentile is in (0, 100], not ${p}`);
    if (this.total === 0) return 0;
    const rank = Math.ceil((p / 100) * this.total);
    let seen = 0;
    for (let i = 0; i < this.buckets.length; i++) {
      seen += this.buckets[i] ?? 0;
      if (seen >= rank) return Math.min(upperBound(i), this.maxMs);
    }
    return this.maxMs;
  }
}

function bucketOf(ms: number): number {
  if (ms <= UNIT_MS) return 0;
  const bucket = Math.ceil(Math.log(ms / UNIT_MS) / LOG_GROWTH);
  // Logarithms round: a value on a boundary must not land below its bucket's bound.
  return upperBound(bucket) < ms ? bucket + 1 : bucket;
}

function upperBound(bucket: number): number {
  return UNIT_MS * GROWTH ** bucket;
}
