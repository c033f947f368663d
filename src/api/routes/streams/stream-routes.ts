import type { FastifyInstance } from 'fastify';
import type { SaleLineEvent } from '../../../readmodel';
import type { Person } from '../../auth/person';
import { FeedStream, type StreamFeed, type StreamMessage } from './feed-stream';
import type { QueryContext } from '../../query-context';
import type { StreamQuota } from './stream-quota';
import { personSecurity, queryErrors } from '../../http/schemas';
import { typed } from '../../http/typed-routes';
import { eventStream, pointsEvent, saleEvent, ticketEvent } from './event-schemas';
import { authorizePerson } from '../../http/access';

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
/** What every stream route takes: a resume position. */
const resumeQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { lastEventId: { type: 'integer', minimum: 0 } },
} as const;

/** The schemas stream events are declared with, for the server to register. */
export const streamSharedSchemas = [saleEvent, ticketEvent, pointsEvent];

export function streamRoutes(app: FastifyInstance, query: QueryContext, quota: StreamQuota): void {
  typed(app).get(
    '/v1/stream/sales',
    {
      config: { access: 'sales-stream' },
      schema: {
        summary: 'Live sales (Server-Sent Events)',
        description:
          'At most `streamsPerLogin` streams (default 4) per login at once; beyond, 429 with Retry-After. Manufacturers get `sale` events (their own lines of each new ticket, without customer or basket); stores get `ticket` events (their own new tickets), retailers those of their stores. Resume with the `Last-Event-ID` header (or `lastEventId`); without it the stream starts at the current end.',
        tags: ['query'],
        security: personSecurity,
        querystring: resumeQuery,
        response: { 200: eventStream([saleEvent, ticketEvent]), ...queryErrors },
      },
    },
    async (request, reply) => {
      const person = authorizePerson(request, 'sales-stream');
      quota.take(person.username, reply);
      const feed: StreamFeed = {
        head: () => query.feed.head(),
        read: (after, upTo) => salesMessages(query, person, after, upTo),
      };
      new FeedStream(query.projector, feed, reply, resumeFrom(request) ?? feed.head()).start();
    },
  );

  typed(app).get(
    '/v1/stream/points',
    {
      config: { access: 'points-stream' },
      schema: {
        summary: 'Your points, live (Server-Sent Events)',
        description:
          'At most `streamsPerLogin` streams (default 4) per login at once; beyond, 429 with Retry-After. Customers get a `points` event for each movement of their points (award, transfer, redemption, reversal) as its block commits. The event id is the movement’s read-model sequence; resume with `Last-Event-ID` (or `lastEventId`).',
        tags: ['points'],
        security: personSecurity,
        querystring: resumeQuery,
        response: { 200: eventStream([pointsEvent]), ...queryErrors },
      },
    },
    async (request, reply) => {
      const person = authorizePerson(request, 'points-stream');
      quota.take(person.username, reply);
      const customerId = person.subjectId ?? '';
      const feed: StreamFeed = {
        head: () => query.points.head(),
        read: (after, upTo) =>
          query.points
            .movementsBetween(customerId, after, upTo)
            .map((m) => ({ id: m.seq, event: 'points', data: m })),
      };
      new FeedStream(query.projector, feed, reply, resumeFrom(request) ?? feed.head()).start();
    },
  );
}

/** Where a reconnecting client left off: `Last-Event-ID`, or `lastEventId` in the query. */
function resumeFrom(request: {
  headers: Record<string, string | string[] | undefined>;
  query: { lastEventId?: number };
}): number | undefined {
  const header = request.headers['last-event-id'];
  return typeof header === 'string' && /^\d+$/.test(header)
    ? Number(header)
    : request.query.lastEventId;
}

/** The caller's sales events for tickets in (after, upTo]. */
function salesMessages(
  query: QueryContext,
  person: Person,
  after: number,
  upTo: number,
): StreamMessage[] {
  const subject = person.subjectId ?? '';
  if (person.role === 'store') {
    return query.feed
      .storeTickets(subject, after, upTo)
      .map((t) => ({ id: t.seq, event: 'ticket', data: t }));
  }
  if (person.role === 'retailer') {
    return query.feed
      .retailerTickets(subject, after, upTo)
      .map((t) => ({ id: t.seq, event: 'ticket', data: t }));
  }
  const lines = query.feed.manufacturerLines(subject, after, upTo);
  return groupByTicket(lines).map((group) => ({ id: group.seq, event: 'sale', data: group }));
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
