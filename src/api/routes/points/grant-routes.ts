import type { FastifyInstance } from 'fastify';
import { grantIdOf, MAX_GRANT_TTL_SECONDS } from '../../../contract';
import { authorizePerson, notFoundProblem } from '../../http/access';
import { ledgerCall } from '../../http/ledger-call';
import { problem, ProblemError, ProblemType } from '../../http/problem';
import { personSecurity, problemRef, queryErrors } from '../../http/schemas';
import { typed } from '../../http/typed-routes';
import type { QueryContext } from '../../query-context';
import { DEFAULT_GRANT_TTL_SECONDS, newGrantCode } from './grant-code';
import { customerParams, grantBody, grantCreated, grantView } from './schemas';

/**
 * Redemption grants: a customer's consent for one store to spend their
 * points, once. Created, listed and cancelled here; used at the till
 * (`redemption-routes.ts`).
 */
export function grantRoutes(app: FastifyInstance, query: QueryContext): void {
  createGrantRoute(app, query);
  listGrantsRoute(app, query);
  cancelGrantRoute(app, query);
}

function createGrantRoute(app: FastifyInstance, query: QueryContext): void {
  typed(app).post(
    '/v1/customers/:customerId/points/grants',
    {
      config: { access: 'wallet' },
      schema: {
        summary: 'Create a redemption grant',
        description: `Consent for one store to spend at most \`points\` of yours, once, within \`ttlSeconds\` (default ${DEFAULT_GRANT_TTL_SECONDS}, at most ${MAX_GRANT_TTL_SECONDS}). The answer carries the code, once: show it at the till (as text or as the QR payload). Only its SHA-256 goes on the ledger. Nothing is reserved: the balance is checked when the till uses the grant.`,
        tags: ['points'],
        security: personSecurity,
        params: customerParams,
        body: grantBody,
        response: { 201: grantCreated, ...queryErrors, 422: problemRef, 503: problemRef },
      },
    },
    async (request, reply) => {
      const { customerId } = request.params;
      authorizePerson(request, 'wallet', { customerId });
      const { storeId, points } = request.body;
      const balance = query.points.summary(customerId).balance;
      if (points > balance) {
        // Caught here for a clear answer in the app; the contract checks again at the till.
        throw new ProblemError(
          problem(ProblemType.unprocessable, 422, 'Not enough points', undefined, [
            {
              path: '/points',
              rule: 'insufficient-points',
              message: `${points} points asked, ${balance} available`,
            },
          ]),
        );
      }
      const code = newGrantCode();
      const tx = await ledgerCall(() =>
        query.client.createRedemptionGrant(query.identities.query, {
          grantId: grantIdOf(code),
          customerId,
          storeId,
          points,
          ttlSeconds: request.body.ttlSeconds ?? DEFAULT_GRANT_TTL_SECONDS,
        }),
      );
      await query.projector.waitFor(tx.blockNumber);
      const view = query.points.grant(customerId, tx.value.grantId, new Date());
      if (view === undefined) throw new Error(`grant ${tx.value.grantId} is not in the read model`);
      return reply.code(201).send({
        ...view,
        code,
        qrPayload: `eter:grant:v1:${code}`,
        txId: tx.transactionId,
        blockNumber: tx.blockNumber,
      });
    },
  );
}

function listGrantsRoute(app: FastifyInstance, query: QueryContext): void {
  typed(app).get(
    '/v1/customers/:customerId/points/grants',
    {
      config: { access: 'customer-account' },
      schema: {
        summary: 'Your redemption grants, newest first',
        description: 'The last 100 grants with their state; codes are never shown again.',
        tags: ['points'],
        security: personSecurity,
        params: customerParams,
        response: {
          200: {
            type: 'object',
            required: ['grants'],
            properties: { grants: { type: 'array', items: grantView } },
          },
          ...queryErrors,
        },
      },
    },
    async (request) => {
      const { customerId } = request.params;
      authorizePerson(request, 'customer-account', { customerId });
      return { grants: query.points.grants(customerId, new Date()) };
    },
  );
}

function cancelGrantRoute(app: FastifyInstance, query: QueryContext): void {
  typed(app).delete(
    '/v1/customers/:customerId/points/grants/:grantId',
    {
      config: { access: 'wallet' },
      schema: {
        summary: 'Cancel a redemption grant',
        description:
          'An active (or expired) grant can no longer be used. Cancelling twice is harmless; a used grant cannot be cancelled (409, `grant-used`).',
        tags: ['points'],
        security: personSecurity,
        params: {
          type: 'object',
          required: ['customerId', 'grantId'],
          properties: {
            customerId: customerParams.properties.customerId,
            grantId: { type: 'string', pattern: '^[0-9a-f]{64}$' },
          },
        },
        response: { 200: grantView, ...queryErrors, 409: problemRef, 503: problemRef },
      },
    },
    async (request) => {
      const { customerId, grantId } = request.params;
      authorizePerson(request, 'wallet', { customerId });
      if (query.points.grant(customerId, grantId, new Date()) === undefined) {
        throw notFoundProblem('grant');
      }
      const tx = await ledgerCall(() =>
        query.client.cancelRedemptionGrant(query.identities.query, { customerId, grantId }),
      );
      await query.projector.waitFor(tx.blockNumber);
      const view = query.points.grant(customerId, grantId, new Date());
      if (view === undefined) throw new Error(`grant ${grantId} is not in the read model`);
      return view;
    },
  );
}
