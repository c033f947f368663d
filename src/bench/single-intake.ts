import autocannon from 'autocannon';
import { quantile } from './stats';
import type { SingleTicketRequests } from './ticket-bodies';

/** Throughput and latency of one intake phase. */
export interface IntakeFigures {
  /** Tickets acknowledged as new (201) per second of the phase. */
  readonly perSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Tickets acknowledged as new. */
  readonly acknowledged: number;
  /** Anything else: other statuses, connection errors, timeouts. */
  readonly errors: number;
  /** Count per HTTP status, as answered. */
  readonly statuses: Readonly<Record<string, number>>;
  readonly seconds: number;
  /** Requests built during the phase because the pregenerated pool ran out. */
  readonly madeLive: number;
}

/**
 * `POST /v1/tickets` with autocannon: `connections` keep-alive connections,
 * each sending its next request as soon as the last is answered, for
 * `durationSec`. Every request is a distinct ticket, handed out by
 * `setupRequest` (autocannon rebuilds a request that has the hook before
 * each send) with the terminal key of its store. Latency is autocannon's
 * per-request response time, taken from its `response` events so that the
 * quantiles are exact rather than its 1 ms histogram's.
 */
export async function singleIntake(
  url: string,
  requests: SingleTicketRequests,
  options: { connections: number; durationSec: number },
): Promise<IntakeFigures> {
  const latencies: number[] = [];
  const madeBefore = requests.madeLive;
  const started = performance.now();
  let finish: (error: unknown, result: autocannon.Result) => void = () => undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = (error, result) => (error ? reject(error as Error) : resolve(result));
  });
  // The callback form returns the instance, whose `response` events carry each latency.
  const instance = autocannon(
    {
      url,
      connections: options.connections,
      duration: options.durationSec,
      timeout: 30,
      requests: [
        {
          method: 'POST',
          path: '/v1/tickets',
          setupRequest: (request) => {
            const next = requests.take();
            return {
              ...request,
              headers: {
                'content-type': 'application/json',
                authorization: `Bearer ${next.apiKey}`,
              },
              body: next.body,
            };
          },
        },
      ],
    },
    (error, result) => finish(error, result),
  );
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status === 201) latencies.push(ms);
  });
  const result = await done;
  const seconds = (performance.now() - started) / 1000;
  const statuses: Record<string, number> = {};
  for (const [status, stat] of Object.entries(result.statusCodeStats ?? {})) {
    statuses[status] = stat.count ?? 0;
  }
  const answered = Object.values(statuses).reduce((a, b) => a + b, 0);
  return {
    perSec: latencies.length / seconds,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    acknowledged: latencies.length,
    errors: answered - latencies.length + result.errors,
    statuses,
    seconds,
    madeLive: requests.madeLive - madeBefore,
  };
}
