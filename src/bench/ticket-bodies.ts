import type { Ticket } from '../format';
import type { SyntheticWorkload } from '../sim/workload';

/** A request ready to send: the body and the terminal key of its store. */
export interface TicketRequest {
  readonly apiKey: string;
  readonly body: string;
  /** Tickets in the body. */
  readonly tickets: number;
}

/**
 * Request bodies made before a phase starts, so that the load generator
 * spends its CPU sending rather than building and serialising tickets (on
 * two cores, every cycle it spends is one the server does not get). Past the
 * pool it makes them on demand and counts them: a non-zero `madeLive` means
 * the pool was too small and the generator competed with the server.
 */
abstract class RequestPool {
  private readonly pool: TicketRequest[] = [];
  private next = 0;
  /** Requests made during the phase because the pool ran out. */
  madeLive = 0;

  protected fill(count: number): void {
    for (let i = 0; i < count; i++) this.pool.push(this.make());
  }

  /** The next request: from the pool while it lasts. */
  take(): TicketRequest {
    if (this.next < this.pool.length) {
      const request = this.pool[this.next]!;
      // Sent bodies are garbage from now on: let them go.
      this.pool[this.next++] = undefined as unknown as TicketRequest;
      return request;
    }
    this.madeLive++;
    return this.make();
  }

  protected abstract make(): TicketRequest;
}

/** One distinct, valid ticket per request, for `POST /v1/tickets`. */
export class SingleTicketRequests extends RequestPool {
  constructor(
    private readonly workload: SyntheticWorkload,
    private readonly keys: ReadonlyMap<string, string>,
    pregenerate: number,
  ) {
    super();
    this.fill(pregenerate);
  }

  protected make(): TicketRequest {
    const ticket = this.workload.nextTicket();
    return { apiKey: this.keys.get(ticket.storeId)!, body: JSON.stringify(ticket), tickets: 1 };
  }
}

/**
 * Batches of `size` tickets of one store each, for `POST /v1/tickets:batch`
 * (a terminal key speaks for one store): the workload's tickets are dealt
 * into one tray per store, and a full tray is a batch.
 */
export class BatchRequests extends RequestPool {
  private readonly trays = new Map<string, Ticket[]>();

  constructor(
    private readonly workload: SyntheticWorkload,
    private readonly keys: ReadonlyMap<string, string>,
    private readonly size: number,
    pregenerate: number,
  ) {
    super();
    this.fill(pregenerate);
  }

  protected make(): TicketRequest {
    for (;;) {
      const ticket = this.workload.nextTicket();
      let tray = this.trays.get(ticket.storeId);
      if (tray === undefined) this.trays.set(ticket.storeId, (tray = []));
      tray.push(ticket);
      if (tray.length === this.size) {
        this.trays.delete(ticket.storeId);
        return {
          apiKey: this.keys.get(ticket.storeId)!,
          body: JSON.stringify({ tickets: tray }),
          tickets: tray.length,
        };
      }
    }
  }
}
