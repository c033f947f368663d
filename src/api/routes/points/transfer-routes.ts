import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { authorizePerson } from '../../http/access';
import type { KeyedSerializer } from '../../http/keyed-serializer';
import { ledgerCall } from '../../http/ledger-call';
import { personSecurity, problemRef, queryErrors } from '../../http/schemas';
import { typed } from '../../http/typed-routes';
import type { QueryContext } from '../../query-context';
import { customerParams, transferBody, transferReceipt } from './schemas';

/**
 * A customer gives points to another. The server acts on the ledger for
 * the customer, who holds no ledger credentials; one spend at a time per
 * customer (`spends`).
 */
export function transferRoutes(
  app: FastifyInstance,
  query: QueryContext,
  spends: KeyedSerializer,
): void {
  typed(app).post(
    '/v1/customers/:customerId/points/transfers',
    {
      config: { access: 'wallet' },
      schema: {
        summary: 'Give points to another customer',
        description:
          'Moves points to another registered customer, known by their public pseudonymous id. `transferId` (optional, yours) makes a retry safe: the same transfer again answers 200 with the original. Refusals name the rule: `insufficient-points`, `transfer-self`, `customer-registered`, `customer-suspended`.',
        tags: ['points'],
        security: personSecurity,
        params: customerParams,
        body: transferBody,
        response: {
          201: transferReceipt,
          200: transferReceipt,
          ...queryErrors,
          409: problemRef,
          422: problemRef,
          503: problemRef,
        },
      },
    },
    async (request, reply) => {
      const { customerId } = request.params;
      authorizePerson(request, 'wallet', { customerId });
      const { toCustomerId, points } = request.body;
      const transferId = request.body.transferId ?? randomUUID();
      const tx = await spends.run(customerId, () =>
        ledgerCall(() =>
          query.client.transferPoints(query.identities.query, {
            transferId,
            fromCustomerId: customerId,
            toCustomerId,
            points,
          }),
        ),
      );
      await query.projector.waitFor(tx.blockNumber);
      const t = tx.value.transfer;
      return reply.code(tx.value.replayed ? 200 : 201).send({
        transferId: t.transferId,
        toCustomerId: t.toCustomerId,
        points: t.points,
        at: t.at,
        txId: t.txId,
        blockNumber: tx.blockNumber,
        replayed: tx.value.replayed,
        balance: query.points.summary(customerId).balance,
      });
    },
  );
}
