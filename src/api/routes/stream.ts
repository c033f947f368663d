import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SaleLineEvent } from '../../readmodel';
import { requirePerson, type Person } from '../auth/person';
import type { QueryContext } from '../query-context';
import { personSecurity, queryErrors } from './query-schemas';

/** Tickets read from the read model per step: bounds one step's work and memory. */
const WINDOW = 2000;
const HEARTBEAT_MS = 15_000;

/**
 * Live sales as Server-Sent Events. Each event is one ticket's share for the
 * caller: for a manufacturer, the lines of its own products on a ticket
 * (event `sale`); for a store, its new ticket (event `ticket`). The event id
 * is the ticket's read-model sequence, so a client that reconnects with
 * `Last-Event-ID` misses nothing and sees nothing twice. Replay and live
 * delivery read through the same queries as the query routes.
 *
 * Written on the raw response rather than through a plugin: the protocol is
 * a few lines of text, and owning them keeps backpressure and resumption
 * explicit.
 */
export function streamRoutes(app: FastifyInstance, query: QueryContext): void {
  app.get<{ Querystring: { lastEventId?: number } }>(
    '/v1/stream/sales',
    {
      schema: {
        summary: 'Live sales (Server-Sent Events)',
        description:
          'Manufacturers get `sale` events (their own lines of each new ticket, without customer or basket); stores get `ticket` events (their own new tickets). Resume with the `Last-Event-ID` header (or `lastEventId`); without it the stream starts at the current end.',
        tags: ['query'],
        security: personSecurity,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { lastEventId: { type: 'integer', minimum: 0 } },
        },
        response: {
          200: { type: 'string', description: 'text/event-stream' },
          ...queryErrors,
        },
      },
    },
    async (request, reply) => {
      const person = requirePerson(request, ['manufacturer', 'store']);
      const header = request.headers['last-event-id'];
      const resumeFrom =
        typeof header === 'string' && /^\d+$/.test(header)
          ? Number(header)
          : request.query.lastEventId;
      const stream = new SalesStream(query, person, reply, resumeFrom ?? query.feed.head());
      stream.start();
    },
  );
}

/** One client's stream: a cursor over the feed, advanced whenever a block is projected. */
class SalesStream {
  private pumping = false;
  private again = false;
  private closed = false;
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly onBlock = () => void this.pump();

  constructor(
    private readonly query: QueryContext,
    private readonly person: Person,
    private readonly reply: FastifyReply,
    private cursor: number,
  ) {}

  start(): void {
    this.reply.hijack();
    const res = this.reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-request-id': this.reply.request.id,
    });
    res.write('retry: 2000\n\n');
    res.on('close', () => this.close());
    // A client gone mid-write surfaces here; 'close' follows and ends the stream.
    res.on('error', () => this.close());
    this.query.projector.on('block', this.onBlock);
    this.heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    this.heartbeat.unref();
    void this.pump();
  }

  private close(): void {
    this.closed = true;
    this.query.projector.off('block', this.onBlock);
    clearInterval(this.heartbeat);
  }

  /** Sends everything after the cursor; coalesces wake-ups that arrive meanwhile. */
  private async pump(): Promise<void> {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        const head = this.query.feed.head();
        while (!this.closed && this.cursor < head) {
          const upTo = Math.min(head, this.cursor + WINDOW);
          for (const event of this.read(upTo)) {
            if (!this.write(event)) await this.drained();
            if (this.closed) return;
          }
          this.cursor = upTo;
        }
      } while (this.again && !this.closed);
    } catch (error) {
      this.reply.request.log.error({ err: error }, 'sales stream failed');
      this.reply.raw.destroy();
    } finally {
      this.pumping = false;
    }
  }

  /** The caller's events for tickets in (cursor, upTo]. */
  private read(upTo: number): Array<{ id: number; event: string; data: unknown }> {
    const subject = this.person.subjectId ?? '';
    if (this.person.role === 'store') {
      return this.query.feed
        .storeTickets(subject, this.cursor, upTo)
        .map((t) => ({ id: t.seq, event: 'ticket', data: t }));
    }
    const lines = this.query.feed.manufacturerLines(subject, this.cursor, upTo);
    return groupByTicket(lines).map((group) => ({ id: group.seq, event: 'sale', data: group }));
  }

  private write(message: { id: number; event: string; data: unknown }): boolean {
    return this.reply.raw.write(
      `id: ${message.id}\nevent: ${message.event}\ndata: ${JSON.stringify(message.data)}\n\n`,
    );
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const res = this.reply.raw;
      const done = () => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.once('drain', done);
      res.once('close', done);
    });
  }
}

/** A manufacturer's lines of one ticket, as one event. */
function groupByTicket(lines: readonly SaleLineEvent[]) {
  const groups: Array<{
    seq: number;
    storeId: string;
    issuedAt: string;
    type: 'sale' | 'return';
    currency: string;
    blockNumber: number;
    lines: Array<Pick<SaleLineEvent, 'lineNo' | 'gtin' | 'description' | 'quantity' | 'amount'>>;
  }> = [];
  for (const l of lines) {
    let group = groups[groups.length - 1];
    if (group === undefined || group.seq !== l.seq) {
      group = {
        seq: l.seq,
        storeId: l.storeId,
        issuedAt: l.issuedAt,
        type: l.type,
        currency: l.currency,
        blockNumber: l.blockNumber,
        lines: [],
      };
      groups.push(group);
    }
    group.lines.push({
      lineNo: l.lineNo,
      gtin: l.gtin,
      description: l.description,
      quantity: l.quantity,
      amount: l.amount,
    });
  }
  return groups;
}
