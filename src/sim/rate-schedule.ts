/**
 * An open-loop arrival schedule: ticket `i` (from 0) is due at
 * `start + i / rate`, whatever happened to the tickets before it. A slow
 * server therefore shows up as latency and a backlog, never as a lower
 * offered rate (the "coordinated omission" of closed-loop load generators).
 */
export class RateSchedule {
  private readonly msPerTicket: number;

  /**
   * @param perSecond tickets per second, greater than zero.
   * @param startMs when ticket 0 is due, in the clock's milliseconds.
   */
  constructor(
    readonly perSecond: number,
    readonly startMs: number,
  ) {
    if (!(perSecond > 0) || !Number.isFinite(perSecond)) {
      throw new RangeError(`a rate is a positive number of tickets per second, not ${perSecond}`);
    }
    this.msPerTicket = 1000 / perSecond;
  }

  /** When ticket `index` is due. */
  timeOf(index: number): number {
    return this.startMs + index * this.msPerTicket;
  }

  /** How many tickets are due by `nowMs`: one at the start, then one every 1/rate seconds. */
  dueBy(nowMs: number): number {
    if (nowMs < this.startMs) return 0;
    const slots = (nowMs - this.startMs) / this.msPerTicket;
    // timeOf(i) and back lose a few last bits, more the larger the clock
    // reading: a ticket due now must not wait for the next tick.
    const rounding =
      (4 * Number.EPSILON * (Math.abs(nowMs) + Math.abs(this.startMs))) / this.msPerTicket +
      Math.max(1, slots) * 1e-12;
    return Math.floor(slots + rounding) + 1;
  }
}
