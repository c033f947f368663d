import type { FastifyInstance } from 'fastify';
import { typed } from '../../http/typed-routes';
import { notFound, requirePerson } from '../../auth/person';
import type { QueryContext } from '../../query-context';
import { paged } from '../tickets/query-routes';
import { idParam, pageQuery, personSecurity, queryErrors } from '../../http/schemas';

const movement = {
  type: 'object',
  required: ['seq', 'kind', 'delta', 'at', 'txId', 'blockNumber', 'storeId', 'ticketId', 'proof'],
  properties: {
    seq: { type: 'integer', description: 'Position in the read model: the points stream event id' },
    kind: {
      type: 'string',
      description: 'award | transfer-in | transfer-out | redemption | reversal',
    },
    delta: { type: 'integer', description: 'Signed change of the balance' },
    at: { type: 'string', format: 'date-time' },
    txId: { type: 'string', description: 'Transaction that made the change' },
    blockNumber: { type: 'integer' },
    storeId: { type: ['string', 'null'] },
    ticketId: { type: ['string', 'null'] },
    transferId: { type: ['string', 'null'] },
    counterpartyId: { type: ['string', 'null'], description: 'The other customer of a transfer' },
    grantId: { type: ['string', 'null'], description: 'The grant a redemption used' },
    originalTicketId: { type: ['string', 'null'], description: 'The sale a reversal is for' },
    proof: {
      type: 'string',
      description: 'Where to fetch the inclusion proof of the transaction',
    },
  },
} as const;

/** A customer's points: balance and movements. */
export function queryPointsRoutes(app: FastifyInstance, query: QueryContext): void {
  typed(app).get(
    '/v1/customers/:customerId/points',
    {
      schema: {
        summary: "A customer's points balance and movements",
        description:
          'Balance, what was earned, received, given, redeemed and taken back, and the movements oldest first (page with `cursor`), each with a link to its proof. Customers see their own only.',
        tags: ['query'],
        security: personSecurity,
        params: { type: 'object', required: ['customerId'], properties: { customerId: idParam } },
        querystring: { type: 'object', additionalProperties: false, properties: pageQuery },
        response: {
          200: {
            type: 'object',
            required: [
              'customerId',
              'balance',
              'earned',
              'received',
              'given',
              'redeemed',
              'reversed',
              'movements',
            ],
            properties: {
              customerId: { type: 'string' },
              balance: { type: 'integer' },
              earned: { type: 'integer', description: 'Ever earned on sales' },
              received: { type: 'integer', description: 'Ever received from other customers' },
              given: { type: 'integer', description: 'Ever given to other customers' },
              redeemed: { type: 'integer', description: 'Ever spent at stores' },
              reversed: { type: 'integer', description: 'Ever taken back by returns' },
              movements: { type: 'array', items: movement },
              nextCursor: { type: 'string' },
            },
          },
          ...queryErrors,
        },
      },
    },
    async (request) => {
      const person = requirePerson(request, ['customer']);
      const { customerId } = request.params;
      if (person.subjectId !== customerId) throw notFound('such customer');
      const page = paged(() => query.points.movements(customerId, request.query));
      return {
        ...query.points.summary(customerId),
        ...page,
        movements: page.movements.map((m) => ({
          ...m,
          proof: `/v1/customers/${encodeURIComponent(customerId)}/points/movements/${encodeURIComponent(m.txId)}/proof`,
        })),
      };
    },
  );
}
