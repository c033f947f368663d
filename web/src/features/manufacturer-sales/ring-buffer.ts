/**
 * The live chart's points: a fixed capacity, the oldest dropped first.
 * Typed arrays, preallocated: pushing 20 points a second for hours
 * allocates nothing, and `view()` hands uPlot ordered copies in two
 * reused arrays (uPlot takes typed arrays), not a new array per frame.
 */
export class RingBuffer {
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  private readonly outX: Float64Array;
  private readonly outY: Float64Array;
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.xs = new Float64Array(capacity);
    this.ys = new Float64Array(capacity);
    this.outX = new Float64Array(capacity);
    this.outY = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(x: number, y: number): void {
    const at = (this.start + this.count) % this.capacity;
    this.xs[at] = x;
    this.ys[at] = y;
    if (this.count < this.capacity) this.count += 1;
    else this.start = (this.start + 1) % this.capacity;
  }

  /** The points, oldest first (valid until the next call). */
  view(): [Float64Array, Float64Array] {
    const head = Math.min(this.count, this.capacity - this.start);
    this.outX.set(this.xs.subarray(this.start, this.start + head));
    this.outY.set(this.ys.subarray(this.start, this.start + head));
    this.outX.set(this.xs.subarray(0, this.count - head), head);
    this.outY.set(this.ys.subarray(0, this.count - head), head);
    return [this.outX.subarray(0, this.count), this.outY.subarray(0, this.count)];
  }
}
