import { LatencyHistogram } from './latency-histogram';

/** Longest error body kept as the example of its status. */
const MAX_ERROR_TEXT = 2_000;

/** Latency percentiles of acknowledged tickets, in milliseconds. */
export interface LatencySummary {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

/** The outcomes of tickets sent to a collector, counted as they come in. */
export interface TrafficOutcomes {
  /** Tickets whose first request went out. */
  readonly sent: number;
  /** Of which returns. */
  readonly returnsSent: number;
  /** 201: recorded now. */
  readonly accepted: number;
  /** 200: recorded before, answered with the original receipt. */
  readonly replayed: number;
  /** Returns answered 201 or 200. */
  readonly returnsAccepted: number;
  /** Every other final status, by status code (a 503 after its last retry included). */
  readonly refused: Readonly<Record<string, number>>;
  /** The body of the first refusal of each status, to see why. */
  readonly firstErrors: Readonly<Record<string, string>>;
  /** Tickets with no HTTP answer at all. */
  readonly networkErrors: number;
  readonly firstNetworkError?: string;
  /** 503 answers retried after their Retry-After. */
  readonly retries: number;
  /** From each acknowledged ticket's scheduled time to its receipt. */
  readonly latencyMs: LatencySummary;
}

/** Counts sent tickets and their answers; one per simulation or import. */
export class TrafficTally {
  private readonly latency = new LatencyHistogram();
  private readonly counts = {
    sent: 0,
    returnsSent: 0,
    accepted: 0,
    replayed: 0,
    returnsAccepted: 0,
    networkErrors: 0,
    retries: 0,
  };
  private readonly refused: Record<string, number> = {};
  private readonly firstErrors: Record<string, string> = {};
  private firstNetworkError: string | undefined;

  /** A ticket's first request went out. */
  sent(isReturn: boolean): void {
    this.counts.sent++;
    if (isReturn) this.counts.returnsSent++;
  }

  /** A 503 is about to be retried. */
  retried(): void {
    this.counts.retries++;
  }

  /** A ticket's final HTTP answer. */
  answered(status: number, text: string, latencyMs: number, isReturn: boolean): void {
    if (status === 200 || status === 201) {
      if (status === 201) this.counts.accepted++;
      else this.counts.replayed++;
      if (isReturn) this.counts.returnsAccepted++;
      this.latency.record(latencyMs);
      return;
    }
    const key = String(status);
    this.refused[key] = (this.refused[key] ?? 0) + 1;
    this.firstErrors[key] ??= text.slice(0, MAX_ERROR_TEXT);
  }

  /** A ticket got no HTTP answer. */
  networkError(message: string): void {
    this.counts.networkErrors++;
    this.firstNetworkError ??= message;
  }

  /** The counts so far (copies: the tally keeps counting). */
  outcomes(): TrafficOutcomes {
    const h = this.latency;
    return {
      ...this.counts,
      refused: { ...this.refused },
      firstErrors: { ...this.firstErrors },
      ...(this.firstNetworkError === undefined
        ? {}
        : { firstNetworkError: this.firstNetworkError }),
      latencyMs: {
        p50: h.percentile(50),
        p95: h.percentile(95),
        p99: h.percentile(99),
        max: h.max,
        mean: h.mean,
      },
    };
  }
}
