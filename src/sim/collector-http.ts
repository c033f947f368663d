import { retryAfterMs } from './retry-after';

/** What one request to the collector came to, after any 503 or 429 retries. */
export type CollectorAnswer =
  | {
      readonly kind: 'answer';
      readonly status: number;
      /** The parsed JSON body, or `undefined` when it was not JSON. */
      readonly body: unknown;
      /** The body as received (for reports of the first error of a kind). */
      readonly text: string;
      /** How many times a 503 or 429 was retried before this answer. */
      readonly retries: number;
    }
  | {
      /** No HTTP answer: refused connection, reset, timeout. */
      readonly kind: 'network-error';
      readonly message: string;
      readonly retries: number;
    };

/** How a {@link CollectorHttp} behaves. */
export interface CollectorHttpOptions {
  /** Retries of a 503 (the collector's "busy, retry shortly") or 429 (the key's rate) per request; default 10. */
  readonly maxRetries?: number;
  /** Give up on one attempt after this long; default 60 s (a batch waits for its blocks). */
  readonly timeoutMs?: number;
  /** Ends waits between retries at once: the last 503 or 429 is then the answer. */
  readonly signal?: AbortSignal;
  /** Told before each retry, e.g. to count them. */
  readonly onRetry?: (waitMs: number) => void;
}

/**
 * A point of sale's side of the collector API, over plain HTTP with Node's
 * `fetch`: one ticket (`POST /v1/tickets`) or a batch
 * (`POST /v1/tickets:batch`), authenticated by a terminal API key. A 503
 * (the collector is busy) or a 429 (this terminal key is over its rate) is
 * retried after its `Retry-After`; that is safe because the collector is
 * idempotent (a repeat of a recorded ticket is answered 200 with the
 * original receipt). Network errors are reported, not retried: whether the
 * server got the ticket is unknown, and the caller decides.
 */
export class CollectorHttp {
  private readonly base: string;
  private readonly maxRetries: number;
  private readonly timeoutMs: number;

  constructor(
    url: string,
    private readonly options: CollectorHttpOptions = {},
  ) {
    this.base = url.replace(/\/+$/, '');
    this.maxRetries = options.maxRetries ?? 10;
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  /** Records one ticket; 201 new, 200 repeat, a problem otherwise. */
  postTicket(apiKey: string, ticket: unknown): Promise<CollectorAnswer> {
    return this.post('/v1/tickets', apiKey, JSON.stringify(ticket));
  }

  /** Records up to 1,000 tickets; 200 with one result per ticket, in order. */
  postBatch(apiKey: string, tickets: readonly unknown[]): Promise<CollectorAnswer> {
    return this.post('/v1/tickets:batch', apiKey, JSON.stringify({ tickets }));
  }

  private async post(path: string, apiKey: string, body: string): Promise<CollectorAnswer> {
    for (let retries = 0; ; retries++) {
      let response: Response;
      let text: string;
      try {
        response = await fetch(`${this.base}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
          body,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        text = await response.text();
      } catch (error) {
        return { kind: 'network-error', message: networkMessage(error), retries };
      }
      const busy = response.status === 503 || response.status === 429;
      if (busy && retries < this.maxRetries && !this.options.signal?.aborted) {
        const wait = retryAfterMs(response.headers.get('retry-after'));
        this.options.onRetry?.(wait);
        if (await pause(wait, this.options.signal)) continue;
      }
      return { kind: 'answer', status: response.status, body: parseJson(text), text, retries };
    }
  }
}

/** Waits `ms`; false when the signal ended the wait first. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      resolve(true);
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener('abort', stop, { once: true });
  });
}

function parseJson(text: string): unknown {
  try {
    return text.length === 0 ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/** `fetch failed` says nothing: the cause (ECONNREFUSED, a timeout) does. */
function networkMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return 'timed out';
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause?.code ?? cause?.message ?? error.message;
}
