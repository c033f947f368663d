import type { CollectorHttp } from '../sim/collector-http';

/** Where a ticket came from: its file and its position in that file (from 0). */
export interface TicketSource {
  readonly file: string;
  readonly index: number;
}

/** A field the collector named in a refusal (`path` is a JSON pointer into the ticket). */
export interface FieldError {
  readonly path: string;
  readonly rule: string;
  readonly message: string;
}

/** One refused ticket and why; `status` is null when it got no HTTP answer. */
export interface ImportRefusal extends TicketSource {
  readonly status: number | null;
  readonly title: string;
  readonly detail?: string;
  readonly errors?: readonly FieldError[];
}

/** What an import came to. */
export interface ImportResult {
  /** Tickets given an outcome (recorded, replayed or refused). */
  readonly tickets: number;
  /** 201: recorded now. */
  readonly recorded: number;
  /** 200: already recorded with this very content. */
  readonly replayed: number;
  readonly refused: number;
  /** Refused tickets by status (`no answer` when there was none). */
  readonly refusedByStatus: Readonly<Record<string, number>>;
  /** The first refusals in file order (`keepRefusals` of them). */
  readonly refusals: readonly ImportRefusal[];
  /** Tickets resent after a 503 in a batch result. */
  readonly retries: number;
}

/** How a {@link TicketImporter} sends. */
export interface TicketImporterOptions {
  readonly http: CollectorHttp;
  /** The terminal key to send a ticket with; `undefined` refuses it here, unsent. */
  readonly keyFor: (ticket: unknown) => string | undefined;
  /** Tickets per `POST /v1/tickets:batch` (at most 1,000). */
  readonly batchSize: number;
  /** Batches in flight at once. */
  readonly concurrency: number;
  /** Refusals kept with their details (default 20); all are counted. */
  readonly keepRefusals?: number;
  /** Rounds of resending the tickets of a batch answered 503 (default 10). */
  readonly maxRetries?: number;
  /** Wait before resending them (default 1 s, the collector's Retry-After). */
  readonly retryDelayMs?: number;
  /** Told each time tickets get their outcome, with how many. */
  readonly onProgress?: (settled: number) => void;
}

interface Pending {
  readonly ticket: unknown;
  readonly source: TicketSource;
}

interface BatchResult {
  readonly status: number;
  readonly problem?: unknown;
}

/**
 * Replays tickets to the collector in batches (`POST /v1/tickets:batch`),
 * grouped by terminal key since a key is bound to one store. Sales go
 * first and returns last, so that a return finds its sale on the ledger
 * whatever the batching: tickets of one batch are recorded concurrently.
 * Tickets a batch answers 503 for are resent (the collector is idempotent);
 * every other refusal is kept with its file, index and problem details.
 */
export class TicketImporter {
  private readonly pending = new Map<string, Pending[]>();
  private readonly returns: Pending[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly refusedByStatus: Record<string, number> = {};
  private readonly refusals: ImportRefusal[] = [];
  private readonly counts = { recorded: 0, replayed: 0, refused: 0, retries: 0 };

  constructor(private readonly options: TicketImporterOptions) {}

  /** Queues a ticket; resolves once it is buffered (and a full batch, if any, is under way). */
  async add(ticket: unknown, source: TicketSource): Promise<void> {
    if (isReturn(ticket)) this.returns.push({ ticket, source });
    else await this.enqueue({ ticket, source });
  }

  /** Sends everything still buffered, the returns last, and waits for every answer. */
  async finish(): Promise<ImportResult> {
    await this.flushAll();
    for (const item of this.returns.splice(0)) await this.enqueue(item);
    await this.flushAll();
    return {
      tickets: this.counts.recorded + this.counts.replayed + this.counts.refused,
      ...this.counts,
      refusedByStatus: { ...this.refusedByStatus },
      refusals: [...this.refusals],
    };
  }

  private async enqueue(item: Pending): Promise<void> {
    const key = this.options.keyFor(item.ticket);
    if (key === undefined) {
      this.refuse(
        item.source,
        null,
        'Not sent: no terminal key for this ticket',
        'it names no store',
      );
      this.options.onProgress?.(1);
      return;
    }
    const batch = this.pending.get(key) ?? [];
    this.pending.set(key, batch);
    batch.push(item);
    if (batch.length >= this.options.batchSize) await this.dispatch(key);
  }

  private async flushAll(): Promise<void> {
    for (const key of [...this.pending.keys()]) await this.dispatch(key);
    await Promise.all(this.inFlight);
  }

  /** Starts sending a key's buffered batch once fewer than `concurrency` batches are in flight. */
  private async dispatch(key: string): Promise<void> {
    const batch = this.pending.get(key);
    this.pending.delete(key);
    if (batch === undefined || batch.length === 0) return;
    while (this.inFlight.size >= this.options.concurrency) await Promise.race(this.inFlight);
    const sending: Promise<void> = this.send(key, batch).finally(() =>
      this.inFlight.delete(sending),
    );
    this.inFlight.add(sending);
  }

  private async send(key: string, batch: readonly Pending[]): Promise<void> {
    let todo = batch;
    for (let round = 0; todo.length > 0; round++) {
      const answer = await this.options.http.postBatch(
        key,
        todo.map((item) => item.ticket),
      );
      if (answer.kind === 'network-error') {
        for (const item of todo) this.refuse(item.source, null, 'No answer', answer.message);
        this.options.onProgress?.(todo.length);
        return;
      }
      const results = batchResults(answer.body, todo.length);
      if (answer.status !== 200 || results === undefined) {
        // The whole batch was refused (a bad key, a body too large): each ticket shares the answer.
        for (const item of todo)
          this.refuseWith(item.source, answer.status, answer.body, answer.text);
        this.options.onProgress?.(todo.length);
        return;
      }
      const again: Pending[] = [];
      results.forEach((result, i) => {
        const item = todo[i]!;
        if (result.status === 201) this.counts.recorded++;
        else if (result.status === 200) this.counts.replayed++;
        else if (result.status === 503 && round < (this.options.maxRetries ?? 10)) again.push(item);
        else this.refuseWith(item.source, result.status, result.problem, '');
      });
      this.options.onProgress?.(todo.length - again.length);
      if (again.length > 0) {
        this.counts.retries += again.length;
        await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs ?? 1000));
      }
      todo = again;
    }
  }

  private refuseWith(source: TicketSource, status: number, problem: unknown, text: string): void {
    const p = (typeof problem === 'object' && problem !== null ? problem : {}) as {
      title?: unknown;
      detail?: unknown;
      errors?: unknown;
    };
    const title = typeof p.title === 'string' ? p.title : text.slice(0, 200) || `HTTP ${status}`;
    this.refuse(
      source,
      status,
      title,
      typeof p.detail === 'string' ? p.detail : undefined,
      Array.isArray(p.errors) ? (p.errors as FieldError[]) : undefined,
    );
  }

  private refuse(
    source: TicketSource,
    status: number | null,
    title: string,
    detail?: string,
    errors?: readonly FieldError[],
  ): void {
    this.counts.refused++;
    const key = status === null ? 'no answer' : String(status);
    this.refusedByStatus[key] = (this.refusedByStatus[key] ?? 0) + 1;
    // Keep the first refusals in file order, not in the order concurrent batches were answered.
    this.refusals.push({
      ...source,
      status,
      title,
      ...(detail === undefined ? {} : { detail }),
      ...(errors === undefined ? {} : { errors }),
    });
    this.refusals.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.index - b.index));
    if (this.refusals.length > (this.options.keepRefusals ?? 20)) this.refusals.pop();
  }
}

function isReturn(ticket: unknown): boolean {
  return (
    typeof ticket === 'object' && ticket !== null && 'type' in ticket && ticket.type === 'return'
  );
}

/** The per-ticket results of a batch answer, when it has one per ticket sent. */
function batchResults(body: unknown, expected: number): BatchResult[] | undefined {
  if (typeof body !== 'object' || body === null || !('results' in body)) return undefined;
  const results = body.results;
  if (!Array.isArray(results) || results.length !== expected) return undefined;
  return results.every((r) => typeof r === 'object' && r !== null && typeof r.status === 'number')
    ? (results as BatchResult[])
    : undefined;
}
