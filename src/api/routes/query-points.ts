import type { FastifyInstance } from 'fastify';
import { notFound, requirePerson } from '../auth/person';
import type { QueryContext } from '../query-context';
import { paged } from './query-tickets';
import { idParam, pageQuery, personSecurity, queryErrors } from './query-schemas';

const movement = {
  type: 'object',
  required: ['kind', 'delta', 'at', 'txId', 'blockNumber', 'storeId', 'ticketId'],
  properties: {
    kind: { type: 'string', description: 'award' },
    delta: { type: 'integer', description: 'Signed change of the balance' },
    at: { type: 'string', format: 'date-time' },
    txId: { type: 'string', description: 'Transaction that made the change' },
    blockNumber: { type: 'integer' },
    storeId: { type: ['string', 'null'] },
    ticketId: { type: ['string', 'null'] },
    proof: {
      type: 'string',
      description: 'Where to fetch the proof of the transaction (auditors, or the ticket route)',
    },
  },
} as const;

/** A customer's points: balance and movements. */
export function queryPointsRoutes(app: FastifyInstance, query: QueryContext): void {
  app.get<{ Params: { customerId: string }; Querystring: { cursor?: string; limit: number } }>(
    '/v1/customers/:customerId/points',
    {
      schema: {
        summary: "A customer's points balance and movements",
        description:
          'Balance, points ever earned, and the movements oldest first (page with `cursor`). Customers see their own only.',
        tags: ['query'],
        security: personSecurity,
        params: { type: 'object', properties: { customerId: idParam } },
        querystring: { type: 'object', additionalProperties: false, properties: pageQuery },
        response: {
          200: {
            type: 'object',
            required: ['customerId', 'balance', 'earned', 'movements'],
            properties: {
              customerId: { type: 'string' },
              balance: { type: 'integer' },
              earned: { type: 'integer' },
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
          ...(m.storeId !== null && m.ticketId !== null
            ? {
                proof: `/v1/stores/${encodeURIComponent(m.storeId)}/tickets/${encodeURIComponent(m.ticketId)}`,
              }
            : {}),
        })),
      };
    },
  );
}
