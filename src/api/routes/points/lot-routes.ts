import type { FastifyInstance } from 'fastify';
import { MAX_LOTS_PER_SPEND } from '../../../contract';
import type { KeyedSerializer } from '../../http/keyed-serializer';
import { ledgerCall } from '../../http/ledger-call';
import type { QueryContext } from '../../query-context';
import { idParam, personSecurity, problemRef, queryErrors } from '../../http/schemas';
import { typed } from '../../http/typed-routes';
import { authorizePerson } from '../../http/access';

const consolidation = {
  type: 'object',
  required: ['customerId', 'merged', 'amount', 'more', 'txId', 'blockNumber'],
  properties: {
    customerId: { type: 'string' },
    merged: { type: 'integer', description: 'Lots merged into one (0: fewer than two)' },
    amount: { type: 'integer', description: 'Points those lots held, now in one lot' },
    more: {
      type: 'boolean',
      description: 'The customer has more lots than one consolidation reads: call again',
    },
    txId: { type: 'string' },
    blockNumber: { type: 'integer' },
  },
} as const;

/**
 * A customer's lots: a spend reads at most `MAX_LOTS_PER_SPEND` of them, so a
 * balance spread over more (many small transfers received, many small
 * awards) is merged here, a bounded step at a time.
 */
export function customerLotRoutes(
  app: FastifyInstance,
  query: QueryContext,
  spends: KeyedSerializer,
): void {
  typed(app).post(
    '/v1/customers/:customerId/points/consolidations',
    {
      config: { access: 'wallet' },
      schema: {
        summary: 'Merge your points lots',
        description: `Merges up to ${MAX_LOTS_PER_SPEND} of your points lots into one; the balance does not change. A spend reads at most that many lots, so when one is refused with \`lots-fragmented\`, consolidate (again while \`more\` is true) and retry.`,
        tags: ['points'],
        security: personSecurity,
        params: { type: 'object', required: ['customerId'], properties: { customerId: idParam } },
        response: { 200: consolidation, ...queryErrors, 503: problemRef },
      },
    },
    async (request) => {
      const { customerId } = request.params;
      authorizePerson(request, 'wallet', { customerId });
      const tx = await spends.run(customerId, () =>
        ledgerCall(() => query.client.consolidateLots(query.identities.query, customerId)),
      );
      return { ...tx.value, txId: tx.transactionId, blockNumber: tx.blockNumber };
    },
  );
}
