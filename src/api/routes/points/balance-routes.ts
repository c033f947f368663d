import type { FastifyInstance } from 'fastify';
import { typed } from '../../http/typed-routes';
import { movementLink } from './schemas';
import { withProof, type QueryContext } from '../../query-context';
import { proofReaderOf } from '../../../access';
import { paged } from '../tickets/query-routes';
import { idParam, pageQuery, personSecurity, queryErrors, txIdParam } from '../../http/schemas';
import { authorizePerson, notFoundProblem } from '../../http/access';

/** A customer's points: balance and movements, and each movement's proof. */
export function queryPointsRoutes(app: FastifyInstance, query: QueryContext): void {
  balanceRoute(app, query);
  movementProofRoute(app, query);
}

function balanceRoute(app: FastifyInstance, query: QueryContext): void {
  typed(app).get(
    '/v1/customers/:customerId/points',
    {
      config: { access: 'customer-account' },
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
              movements: { type: 'array', items: movementLink },
              nextCursor: { type: 'string' },
            },
          },
          ...queryErrors,
        },
      },
    },
    async (request) => {
      const { customerId } = request.params;
      authorizePerson(request, 'customer-account', { customerId });
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

function movementProofRoute(app: FastifyInstance, query: QueryContext): void {
  typed(app).get(
    '/v1/customers/:customerId/points/movements/:txId/proof',
    {
      config: { access: 'customer-account' },
      schema: {
        summary: 'Proof that a points movement is on the ledger',
        description:
          'The inclusion proof of the transaction that moved your points, checkable offline against a signed head. It discloses your share of the transaction (your own keys, and its arguments, result and event where they name nothing your account does not show: not those of a redemption at a till, which carry the till’s own id) and only salted commitments of the rest: never the other customer’s lots.',
        tags: ['points'],
        security: personSecurity,
        params: {
          type: 'object',
          required: ['customerId', 'txId'],
          properties: { customerId: idParam, txId: txIdParam },
        },
        response: {
          200: {
            type: 'object',
            required: ['txId', 'blockNumber'],
            properties: {
              txId: { type: 'string' },
              blockNumber: { type: 'integer' },
              proof: { $ref: 'ProofDocument#' },
            },
          },
          ...queryErrors,
        },
      },
    },
    async (request) => {
      const { customerId, txId } = request.params;
      const person = authorizePerson(request, 'customer-account', { customerId });
      const movement = query.points.movementOf(customerId, txId);
      if (movement === undefined) throw notFoundProblem('movement');
      return {
        txId: movement.txId,
        blockNumber: movement.blockNumber,
        ...withProof(await query.proofFor(proofReaderOf(person), movement.txId)),
      };
    },
  );
}
