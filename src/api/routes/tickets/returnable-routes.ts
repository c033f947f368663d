import type { FastifyInstance } from 'fastify';
import { ContractCallError, type ContractClient } from '../../../client/contract-client';
import type { Identity } from '../../../ledger/gateway';
import { ledgerProblem } from '../../http/ledger-call';
import { terminalAuthenticator } from '../../terminal-auth';
import type { TerminalKeyStore } from '../../terminal-keys';
import { idParam, ticketIdParam } from '../../http/schemas';
import { typed } from '../../http/typed-routes';
import { authorizeTerminal, notFoundProblem } from '../../http/access';

const problemSchema = { $ref: 'Problem#' } as const;
const decimal = { type: 'string', description: 'Exact decimal' } as const;

const returnableSale = {
  type: 'object',
  required: ['storeId', 'ticketId', 'issuedAt', 'currency', 'total', 'lines'],
  properties: {
    storeId: { type: 'string' },
    ticketId: { type: 'string' },
    issuedAt: { type: 'string', format: 'date-time' },
    currency: { type: 'string' },
    total: decimal,
    customerId: {
      type: 'string',
      description: "The sale's loyalty customer: a return may carry it, and no other",
    },
    lines: {
      type: 'array',
      items: {
        type: 'object',
        required: [
          'lineNo',
          'gtin',
          'description',
          'unitPrice',
          'taxRate',
          'quantity',
          'amount',
          'returnedQuantity',
          'returnedAmount',
          'returnableQuantity',
          'returnableAmount',
        ],
        properties: {
          lineNo: { type: 'integer', description: 'The `originalLineNo` a return line gives' },
          gtin: { type: 'string' },
          description: { type: 'string' },
          unit: { type: 'string' },
          unitPrice: decimal,
          taxRate: decimal,
          quantity: { ...decimal, description: 'Sold' },
          amount: { ...decimal, description: 'Sold for' },
          returnedQuantity: { ...decimal, description: "Taken back by the sale's returns" },
          returnedAmount: { ...decimal, description: "Refunded by the sale's returns" },
          returnableQuantity: { ...decimal, description: 'Left to return' },
          returnableAmount: {
            ...decimal,
            description: 'The most a return of all that is left may refund',
          },
        },
      },
    },
  },
} as const;

/**
 * What a till reads before it builds a return: a sale of its retailer,
 * line by line, with what is left to return and to refund.
 */
export function returnableRoutes(
  app: FastifyInstance,
  deps: { client: ContractClient; identity: Identity; keys: TerminalKeyStore },
): void {
  typed(app).get(
    '/v1/stores/:storeId/tickets/:ticketId/returnable',
    {
      onRequest: terminalAuthenticator(deps.keys),
      config: { access: 'ticket-returnable' },
      schema: {
        summary: 'What is left to return of a sale',
        description:
          "For a terminal of any store of the sale's retailer: per line, what was sold, what returns took back and what is left, with the most a return of it may refund (docs/ticket-format.md#returns). A sale of another retailer answers 404, exactly like one that does not exist.",
        tags: ['collector'],
        security: [{ terminalKey: [] }],
        params: {
          type: 'object',
          required: ['storeId', 'ticketId'],
          properties: {
            storeId: { ...idParam, description: "The sale's store" },
            ticketId: ticketIdParam,
          },
        },
        response: { 200: returnableSale, '4xx': problemSchema, '5xx': problemSchema },
      },
    },
    async (request) => {
      // Admitted for any till: whether the sale is of its retailer, the contract decides.
      const terminal = authorizeTerminal(request, 'ticket-returnable', {
        storeId: request.params.storeId,
      });
      try {
        return await deps.client.getReturnable(deps.identity, {
          storeId: terminal.storeId,
          originalStoreId: request.params.storeId,
          originalTicketId: request.params.ticketId,
        });
      } catch (error) {
        // A malformed id names no sale either: the same answer as an unknown one.
        if (
          error instanceof ContractCallError &&
          (error.code === 'NOT_FOUND' || error.code === 'INVALID_ARGUMENT')
        ) {
          throw notFoundProblem('sale');
        }
        throw ledgerProblem(error);
      }
    },
  );
}
