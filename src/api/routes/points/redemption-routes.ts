import type { FastifyInstance } from 'fastify';
import type { ContractClient } from '../../../client/contract-client';
import { MAX_POINTS_PER_OPERATION } from '../../../contract';
import type { Identity } from '../../../ledger/gateway';
import { ledgerCall } from '../../http/ledger-call';
import { terminalAuthenticator } from '../../terminal-auth';
import type { TerminalKeyStore } from '../../terminal-keys';
import { idParam } from '../../http/schemas';
import { typed } from '../../http/typed-routes';
import { authorizeTerminal } from '../../http/access';

const problemSchema = { $ref: 'Problem#' } as const;

const redemptionBody = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'redemptionId'],
  properties: {
    code: { type: 'string', pattern: '^[A-Z2-7]{16,64}$' },
    redemptionId: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' },
    points: { type: 'integer', minimum: 1, maximum: MAX_POINTS_PER_OPERATION },
  },
} as const;

const redemptionReceipt = {
  type: 'object',
  required: [
    'storeId',
    'redemptionId',
    'grantId',
    'pointsRedeemed',
    'txId',
    'blockNumber',
    'replayed',
  ],
  properties: {
    storeId: { type: 'string' },
    redemptionId: { type: 'string' },
    grantId: { type: 'string' },
    pointsRedeemed: { type: 'integer' },
    txId: { type: 'string', description: 'Transaction that burned the points' },
    blockNumber: { type: 'integer' },
    replayed: { type: 'boolean', description: 'True when this redemption had been made before' },
  },
} as const;

/**
 * A till spends a customer's points through the grant the customer shows,
 * without a ticket (on a ticket, it is a `pointsRedeemed` payment). Every
 * refusal names a rule the till can show: `grant-unknown`, `grant-used`
 * (409), `grant-cancelled`, `grant-expired`, `grant-store`, `grant-points`,
 * `insufficient-points`, `customer-suspended`.
 */
export function redemptionRoutes(
  app: FastifyInstance,
  deps: { client: ContractClient; identity: Identity; keys: TerminalKeyStore },
): void {
  typed(app).post(
    '/v1/stores/:storeId/redemptions',
    {
      onRequest: terminalAuthenticator(deps.keys),
      config: { access: 'redemption' },
      schema: {
        summary: 'Redeem points with a customer’s grant',
        description:
          'Burns the points of the grant the customer shows (all of them, or `points`), once. `redemptionId` is the till’s own id for this redemption: a retry with it answers 200 with the original.',
        tags: ['collector'],
        security: [{ terminalKey: [] }],
        params: { type: 'object', required: ['storeId'], properties: { storeId: idParam } },
        body: redemptionBody,
        response: {
          200: redemptionReceipt,
          201: redemptionReceipt,
          '4xx': problemSchema,
          '5xx': problemSchema,
          409: problemSchema,
          422: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const { storeId } = request.params;
      authorizeTerminal(request, 'redemption', { storeId });
      const body = request.body;
      const tx = await ledgerCall(() =>
        deps.client.redeemPoints(deps.identity, { storeId, ...body }),
      );
      const r = tx.value;
      // A replay's grant names the transaction that used it; a new one is this transaction.
      const txId = r.grant.usedTxId ?? tx.transactionId;
      const located = r.replayed ? await deps.client.gateway.findTransaction(txId) : undefined;
      return reply.code(r.replayed ? 200 : 201).send({
        storeId,
        redemptionId: body.redemptionId,
        grantId: r.grant.grantId,
        pointsRedeemed: r.pointsRedeemed,
        txId,
        blockNumber: located?.blockNumber ?? tx.blockNumber,
        replayed: r.replayed,
      });
    },
  );
}
