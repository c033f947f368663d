import type { FastifyInstance } from 'fastify';
import { ContractCallError } from '../../../client/contract-client';
import type { TicketRecord } from '../../../contract';
import { CursorError, type TicketRange } from '../../../readmodel';
import { proofReaderOf } from '../../../access';
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
import { admit, authorize, authorizePerson, notFoundProblem } from '../../http/access';
import { typed } from '../../http/typed-routes';

/** A list's query, once validated. */
interface ListQuery {
  readonly from?: string;
  readonly to?: string;
  readonly cursor?: string;
  readonly limit: number;
}

const listSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { ...timeWindowQuery, ...pageQuery },
} as const;

/** Tickets: a store's, a retailer's, a customer's, and one with its proof. */
export function queryTicketRoutes(app: FastifyInstance, query: QueryContext): void {
  storeTicketsRoute(app, query);
  retailerTicketsRoute(app, query);
  customerTicketsRoute(app, query);
  ticketRoute(app, query);
}

function storeTicketsRoute(app: FastifyInstance, query: QueryContext): void {
  typed(app).get(
    '/v1/stores/:storeId/tickets',
    {
      config: { access: 'store-tickets' },
      schema: {
        summary: "A store's tickets by issue time",
        description:
          'Oldest first, ordered by issue time then ticket id; page with `cursor`. Stores see their own only; retailers those of their stores.',
        tags: ['query'],
        security: personSecurity,
        params: { type: 'object', required: ['storeId'], properties: { storeId: idParam } },
        querystring: listSchema,
        response: { 200: { $ref: 'TicketViewPage#' }, ...queryErrors },
      },
    },
    async (request) => {
      authorize(request, 'store-tickets', { storeId: request.params.storeId });
      return paged(() => query.tickets.ofStore(request.params.storeId, range(request.query)));
    },
  );
}

function retailerTicketsRoute(app: FastifyInstance, query: QueryContext): void {
  typed(app).get(
    '/v1/retailers/:retailerId/tickets',
    {
      config: { access: 'retailer-tickets' },
      schema: {
        summary: "A retailer's tickets, across its stores",
        description:
          'Oldest first, ordered by issue time, store and ticket id; page with `cursor`. Retailers see their own only.',
        tags: ['query'],
        security: personSecurity,
        params: { type: 'object', required: ['retailerId'], properties: { retailerId: idParam } },
        querystring: listSchema,
        response: { 200: { $ref: 'TicketViewPage#' }, ...queryErrors },
      },
    },
    async (request) => {
      const { retailerId } = request.params;
      authorize(request, 'retailer-tickets', { retailerId });
      const stores = query.participants.storesOf(retailerId);
      return paged(() => query.tickets.ofStores(stores, range(request.query)));
    },
  );
}

function customerTicketsRoute(app: FastifyInstance, query: QueryContext): void {
  typed(app).get(
    '/v1/customers/:customerId/tickets',
    {
      config: { access: 'customer-account' },
      schema: {
        summary: "A customer's tickets, in every store",
        description: 'Oldest first; page with `cursor`. Customers see their own only.',
        tags: ['query'],
        security: personSecurity,
        params: { type: 'object', required: ['customerId'], properties: { customerId: idParam } },
        querystring: listSchema,
        response: { 200: { $ref: 'TicketViewPage#' }, ...queryErrors },
      },
    },
    async (request) => {
      authorize(request, 'customer-account', { customerId: request.params.customerId });
      return paged(() => query.tickets.ofCustomer(request.params.customerId, range(request.query)));
    },
  );
}

function ticketRoute(app: FastifyInstance, query: QueryContext): void {
  typed(app).get(
    '/v1/stores/:storeId/tickets/:ticketId',
    {
      config: { access: 'ticket' },
      schema: {
        summary: 'One ticket as recorded, with its inclusion proof',
        description:
          'The full ticket from the ledger, where it is (transaction, block), and a proof that it is in the ledger, checkable offline: `proof.kind` `rfc6962` on the embedded ledger, disclosing the reader’s share of the transaction (a store sees its ticket, not the customer’s points lots a points payment consumed) and salted commitments of the rest; `fabric-block` on Fabric, to auditors only, because it shows the whole block. For the store that issued it, its retailer, the customer it belongs to, and auditors.',
        tags: ['query'],
        security: personSecurity,
        params: {
          type: 'object',
          required: ['storeId', 'ticketId'],
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
      const { storeId, ticketId } = request.params;
      // A wrong role is told so before the ledger is read; a ticket that
      // is not the caller's gets the answer of one that does not exist.
      admit(request, 'ticket');
      const record = await ledgerTicket(query, storeId, ticketId);
      const party = { storeId, customerId: record?.ticket.customerId ?? null };
      if (record === undefined) throw notFoundProblem('ticket');
      const person = authorizePerson(request, 'ticket', party);
      const located = await query.client.gateway.findTransaction(record.txId);
      return {
        ticket: record.ticket,
        contentHash: record.contentHash,
        txId: record.txId,
        blockNumber: located?.blockNumber ?? -1,
        recordedAt: record.recordedAt,
        pointsAwarded: record.pointsAwarded,
        ...withProof(await query.proofFor(proofReaderOf(person, party), record.txId)),
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
