import type { FastifyInstance } from 'fastify';
import { ContractCallError } from '../../../client/contract-client';
import type { TicketRecord } from '../../../contract';
import { CursorError, type TicketRange } from '../../../readmodel';
import { notFound, requirePerson } from '../../auth/person';
import { problem, ProblemError, ProblemType } from '../../http/problem';
import { withProof, type QueryContext } from '../../query-context';
import {
  idParam,
  ticketIdParam,
  pageQuery,
  personSecurity,
  queryErrors,
  timeWindowQuery,
} from '../../http/schemas';

interface ListQuery {
  from?: string;
  to?: string;
  cursor?: string;
  limit: number;
}

const listSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { ...timeWindowQuery, ...pageQuery },
} as const;

/** Tickets: a store's, a customer's, and one with its proof. */
export function queryTicketRoutes(app: FastifyInstance, query: QueryContext): void {
  app.get<{ Params: { storeId: string }; Querystring: ListQuery }>(
    '/v1/stores/:storeId/tickets',
    {
      schema: {
        summary: "A store's tickets by issue time",
        description:
          'Oldest first, ordered by issue time then ticket id; page with `cursor`. Stores see their own only; retailers those of their stores.',
        tags: ['query'],
        security: personSecurity,
        params: { type: 'object', properties: { storeId: idParam } },
        querystring: listSchema,
        response: { 200: { $ref: 'TicketViewPage#' }, ...queryErrors },
      },
    },
    async (request) => {
      const person = requirePerson(request, ['store', 'retailer']);
      if (!query.readsStore(person, request.params.storeId)) throw notFound('such store');
      return paged(() => query.tickets.ofStore(request.params.storeId, range(request.query)));
    },
  );

  app.get<{ Params: { retailerId: string }; Querystring: ListQuery }>(
    '/v1/retailers/:retailerId/tickets',
    {
      schema: {
        summary: "A retailer's tickets, across its stores",
        description:
          'Oldest first, ordered by issue time, store and ticket id; page with `cursor`. Retailers see their own only.',
        tags: ['query'],
        security: personSecurity,
        params: { type: 'object', properties: { retailerId: idParam } },
        querystring: listSchema,
        response: { 200: { $ref: 'TicketViewPage#' }, ...queryErrors },
      },
    },
    async (request) => {
      const person = requirePerson(request, ['retailer']);
      const { retailerId } = request.params;
      if (person.subjectId !== retailerId) throw notFound('such retailer');
      const stores = query.participants.storesOf(retailerId);
      return paged(() => query.tickets.ofStores(stores, range(request.query)));
    },
  );

  app.get<{ Params: { customerId: string }; Querystring: ListQuery }>(
    '/v1/customers/:customerId/tickets',
    {
      schema: {
        summary: "A customer's tickets, in every store",
        description: 'Oldest first; page with `cursor`. Customers see their own only.',
        tags: ['query'],
        security: personSecurity,
        params: { type: 'object', properties: { customerId: idParam } },
        querystring: listSchema,
        response: { 200: { $ref: 'TicketViewPage#' }, ...queryErrors },
      },
    },
    async (request) => {
      const person = requirePerson(request, ['customer']);
      if (person.subjectId !== request.params.customerId) throw notFound('such customer');
      return paged(() => query.tickets.ofCustomer(request.params.customerId, range(request.query)));
    },
  );

  app.get<{ Params: { storeId: string; ticketId: string } }>(
    '/v1/stores/:storeId/tickets/:ticketId',
    {
      schema: {
        summary: 'One ticket as recorded, with its inclusion proof',
        description:
          'The full ticket from the ledger, where it is (transaction, block), and a proof that it is in the ledger, checkable offline: `proof.kind` `rfc6962` on the embedded ledger; `fabric-block` on Fabric, to auditors only, because it shows the whole block. For the store that issued it, its retailer, the customer it belongs to, and auditors.',
        tags: ['query'],
        security: personSecurity,
        params: {
          type: 'object',
          properties: {
            storeId: idParam,
            ticketId: ticketIdParam,
          },
        },
        response: {
          200: {
            type: 'object',
            required: [
              'ticket',
              'contentHash',
              'txId',
              'blockNumber',
              'recordedAt',
              'pointsAwarded',
            ],
            properties: {
              ticket: { $ref: 'Ticket#' },
              contentHash: { type: 'string' },
              txId: { type: 'string' },
              blockNumber: { type: 'integer' },
              recordedAt: { type: 'string', format: 'date-time' },
              pointsAwarded: { type: 'integer' },
              proof: { $ref: 'ProofDocument#' },
            },
          },
          ...queryErrors,
        },
      },
    },
    async (request) => {
      const person = requirePerson(request, ['store', 'retailer', 'customer', 'auditor']);
      const { storeId, ticketId } = request.params;
      const byStore = person.role === 'store' || person.role === 'retailer';
      if (byStore && !query.readsStore(person, storeId)) throw notFound('such ticket');
      const record = await ledgerTicket(query, storeId, ticketId);
      if (
        record === undefined ||
        (person.role === 'customer' && record.ticket.customerId !== person.subjectId)
      ) {
        throw notFound('such ticket');
      }
      const located = await query.client.gateway.findTransaction(record.txId);
      return {
        ticket: record.ticket,
        contentHash: record.contentHash,
        txId: record.txId,
        blockNumber: located?.blockNumber ?? -1,
        recordedAt: record.recordedAt,
        pointsAwarded: record.pointsAwarded,
        ...withProof(await query.proofFor(person.role, record.txId)),
      };
    },
  );
}

/** The ticket as the ledger holds it (the read model may lag by a block). */
async function ledgerTicket(
  query: QueryContext,
  storeId: string,
  ticketId: string,
): Promise<TicketRecord | undefined> {
  try {
    return await query.client.getTicket(query.identities.query, { storeId, ticketId });
  } catch (error) {
    if (error instanceof ContractCallError && error.code === 'NOT_FOUND') return undefined;
    if (error instanceof ContractCallError && error.code === 'INVALID_ARGUMENT') return undefined;
    throw error;
  }
}

function range(q: ListQuery): TicketRange {
  return {
    limit: q.limit,
    ...(q.from === undefined ? {} : { from: q.from }),
    ...(q.to === undefined ? {} : { to: q.to }),
    ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
  };
}

/** Runs a paged read, turning a foreign cursor into a 400 naming it. */
export function paged<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof CursorError) {
      throw new ProblemError(
        problem(ProblemType.malformedRequest, 400, 'Bad cursor', error.message, [
          { path: '/cursor', rule: 'cursor', message: error.message },
        ]),
      );
    }
    throw error;
  }
}
