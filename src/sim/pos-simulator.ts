import type { Ticket } from '../format';
import { CollectorHttp } from './collector-http';
import { Random } from './random';
import { RateSchedule } from './rate-schedule';
import { ReturnableSales } from './returnable-sales';
import { TrafficTally, type TrafficOutcomes } from './traffic-tally';
import type { SyntheticWorkload } from './workload';

/** What a {@link PosSimulator} plays, against which collector, for how long. */
export interface PosSimulatorOptions {
  /** Base URL of the collector, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  /** A terminal API key for every store of the workload, by store id. */
  readonly keys: ReadonlyMap<string, string>;
  /** Where the tickets come from (stores, baskets, customers). */
  readonly workload: SyntheticWorkload;
  /** Offered load, in tickets per second. */
  readonly rate: number;
  /** Stop after this many tickets (each one sent, then answered). */
  readonly tickets?: number;
  /** Stop offering tickets after this long; those in flight still finish. */
  readonly durationMs?: number;
  /** Stop offering tickets now; those in flight finish, retry waits end. */
  readonly signal?: AbortSignal;
  /** Most requests in flight at once (default 256); beyond, due tickets wait as a backlog. */
  readonly maxInFlight?: number;
  /** Share of tickets that are returns of acknowledged sales (default 0.02). */
  readonly returnShare?: number;
  /** Seed of the simulator's own choices (which tickets are returns, of what). */
  readonly seed?: number;
  /** 503 and 429 retries per ticket (default 10). */
  readonly maxRetries?: number;
  /** Called every `progressIntervalMs` and once at the end, with a snapshot. */
  readonly onProgress?: (stats: SimulatorStats) => void;
  /** How often `onProgress` is called; default 1,000 ms. */
  readonly progressIntervalMs?: number;
}

/** A snapshot of a simulation: the schedule's state and every outcome so far. */
export interface SimulatorStats extends TrafficOutcomes {
  readonly elapsedMs: number;
  /** The target rate, tickets per second. */
  readonly rate: number;
  /** Tickets the schedule has made due so far (the offered load). */
  readonly due: number;
  /** Requests sent and not answered yet. */
  readonly inFlight: number;
  /** Due tickets not sent yet, waiting for a free request slot (once done: never sent). */
  readonly backlog: number;
  /** Tickets sent per second of elapsed time. */
  readonly sentPerSecond: number;
  /** Tickets acknowledged (201 or 200) per second of elapsed time. */
  readonly acknowledgedPerSecond: number;
  /** True once the simulation has ended. */
  readonly done: boolean;
}

/**
 * Plays point-of-sale traffic against a collector over HTTP, as a fleet of
 * tills would: every store sends its tickets with its own terminal key, at
 * a target rate on an open-loop schedule (see {@link RateSchedule}), with at
 * most `maxInFlight` requests outstanding. About `returnShare` of the
 * tickets are returns of sales the collector has acknowledged (the contract
 * refuses a return whose sale is not on the ledger). Busy answers (503) are
 * retried after their `Retry-After`. Latency runs from a ticket's scheduled
 * time to its receipt, so time spent in the backlog counts.
 */
export class PosSimulator {
  private readonly tally = new TrafficTally();
  private readonly http: CollectorHttp;
  private readonly random: Random;
  private readonly returnable: ReturnableSales;
  private readonly maxInFlight: number;
  private readonly returnShare: number;
  private readonly limit: number;
  private readonly settled = new Set<Promise<void>>();
  private schedule: RateSchedule | undefined;
  private endAt = Infinity;
  private stoppedAt: number | undefined;
  private launched = 0;
  private inFlight = 0;
  private finished = false;
  private wake: (() => void) | undefined;

  constructor(private readonly options: PosSimulatorOptions) {
    const missing = options.workload.storeIds.filter((id) => !options.keys.has(id));
    if (missing.length > 0) throw new Error(`no terminal key for ${missing.join(', ')}`);
    if (
      options.tickets !== undefined &&
      !(Number.isInteger(options.tickets) && options.tickets >= 0)
    )
      throw new RangeError(`a ticket count is a whole number, not ${options.tickets}`);
    this.maxInFlight = options.maxInFlight ?? 256;
    this.returnShare = options.returnShare ?? 0.02;
    this.limit = options.tickets ?? Infinity;
    this.random = new Random(options.seed ?? 1);
    this.returnable = new ReturnableSales(this.random);
    this.http = new CollectorHttp(options.url, {
      maxRetries: options.maxRetries ?? 10,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      onRetry: () => this.tally.retried(),
    });
    new RateSchedule(options.rate, 0); // fails now on a bad rate, not once running
  }

  /**
   * Runs until the ticket count is answered, the duration is over or the
   * signal fires, then waits for the requests in flight. Resolves with the
   * final stats; runs once.
   */
  async run(): Promise<SimulatorStats> {
    if (this.schedule !== undefined) throw new Error('a simulator runs once');
    const start = performance.now();
    this.schedule = new RateSchedule(this.options.rate, start);
    if (this.options.durationMs !== undefined) this.endAt = start + this.options.durationMs;
    const progress = this.options.onProgress;
    const timer =
      progress === undefined
        ? undefined
        : setInterval(() => progress(this.stats()), this.options.progressIntervalMs ?? 1000);
    const onAbort = () => this.wake?.();
    this.options.signal?.addEventListener('abort', onAbort);
    try {
      await this.offer(this.schedule);
      this.stoppedAt = Math.min(performance.now(), this.endAt);
      await Promise.all(this.settled);
    } finally {
      clearInterval(timer);
      this.options.signal?.removeEventListener('abort', onAbort);
    }
    this.finished = true;
    const final = this.stats();
    progress?.(final);
    return final;
  }

  /** The state of the simulation now. */
  stats(): SimulatorStats {
    const now = performance.now();
    const start = this.schedule?.startMs ?? now;
    const until = Math.min(now, this.stoppedAt ?? Infinity, this.endAt);
    const due = this.schedule === undefined ? 0 : Math.min(this.limit, this.schedule.dueBy(until));
    const outcomes = this.tally.outcomes();
    const seconds = Math.max(1e-3, (now - start) / 1000);
    return {
      ...outcomes,
      elapsedMs: now - start,
      rate: this.options.rate,
      due,
      inFlight: this.inFlight,
      backlog: Math.max(0, due - this.launched),
      sentPerSecond: outcomes.sent / seconds,
      acknowledgedPerSecond: (outcomes.accepted + outcomes.replayed) / seconds,
      done: this.finished,
    };
  }

  /** Sends tickets as they fall due, within the in-flight cap, until told to stop. */
  private async offer(schedule: RateSchedule): Promise<void> {
    for (;;) {
      const now = performance.now();
      if (this.options.signal?.aborted || now >= this.endAt || this.launched >= this.limit) return;
      const due = Math.min(this.limit, schedule.dueBy(now));
      while (this.launched < due && this.inFlight < this.maxInFlight) this.launch(schedule);
      if (this.launched >= this.limit) return;
      // At the cap, a finished request wakes us; otherwise the next due time does.
      const next = this.inFlight >= this.maxInFlight ? Infinity : schedule.timeOf(this.launched);
      await this.nap(Math.min(next, this.endAt) - performance.now());
    }
  }

  private launch(schedule: RateSchedule): void {
    const scheduledAt = schedule.timeOf(this.launched++);
    const original = this.random.chance(this.returnShare) ? this.returnable.take() : undefined;
    const ticket =
      original === undefined
        ? this.options.workload.nextTicket()
        : this.options.workload.returnFor(original);
    this.inFlight++;
    const done: Promise<void> = this.send(ticket, scheduledAt).finally(() => {
      this.inFlight--;
      this.settled.delete(done);
      this.wake?.();
    });
    this.settled.add(done);
  }

  private async send(ticket: Ticket, scheduledAt: number): Promise<void> {
    const isReturn = ticket.type === 'return';
    this.tally.sent(isReturn);
    const answer = await this.http.postTicket(this.options.keys.get(ticket.storeId)!, ticket);
    if (answer.kind === 'network-error') {
      this.tally.networkError(answer.message);
      return;
    }
    this.tally.answered(answer.status, answer.text, performance.now() - scheduledAt, isReturn);
    if (answer.status === 201 || answer.status === 200) this.returnable.add(ticket);
  }

  /** Sleeps up to `ms`; a finished request or the abort signal ends it early. */
  private nap(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, Math.min(ms, 2 ** 31 - 1)));
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }
}
