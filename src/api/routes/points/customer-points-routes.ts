import type { FastifyInstance, FastifyRequest } from 'fastify';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  grantIdOf,
  MAX_GRANT_TTL_SECONDS,
  MAX_POINTS_PER_OPERATION,
  MIN_TRANSFER_POINTS,
} from '../../../contract';
import { notFound, requirePerson } from '../../auth/person';
import { checkBody } from '../../http/body-schema';
import type { KeyedSerializer } from '../../http/keyed-serializer';
import { ledgerCall } from '../../http/ledger-call';
import { problem, ProblemError, ProblemType } from '../../http/problem';
import { withProof, type QueryContext } from '../../query-context';
import { idParam, personSecurity, problemRef, queryErrors, txIdParam } from '../../http/schemas';

/** A new grant's default life: long enough to walk to the till. */
export const DEFAULT_GRANT_TTL_SECONDS = 900;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A grant code: 120 random bits as 24 base32 characters, easy to read out or type. */
export function newGrantCode(): string {
  const bytes = randomBytes(15);
  let bits = 0;
  let value = 0;
  let code = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      code += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return code;
}

const points = { type: 'integer', minimum: 1, maximum: MAX_POINTS_PER_OPERATION } as const;
const customerParams = { type: 'object', properties: { customerId: idParam } } as const;

const transferBody = {
  type: 'object',
  additionalProperties: false,
  required: ['toCustomerId', 'points'],
  properties: {
    toCustomerId: idParam,
    points: { ...points, minimum: MIN_TRANSFER_POINTS },
    transferId: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' },
  },
} as const;

const grantBody = {
  type: 'object',
  additionalProperties: false,
  required: ['storeId', 'points'],
  properties: {
    storeId: idParam,
    points,
    ttlSeconds: { type: 'integer', minimum: 10, maximum: MAX_GRANT_TTL_SECONDS },
  },
} as const;

const transferReceipt = {
  type: 'object',
  required: [
    'transferId',
    'toCustomerId',
    'points',
    'at',
    'txId',
    'blockNumber',
    'replayed',
    'balance',
  ],
  properties: {
    transferId: { type: 'string' },
    toCustomerId: { type: 'string' },
    points: { type: 'integer' },
    at: { type: 'string', format: 'date-time' },
    txId: { type: 'string' },
    blockNumber: { type: 'integer' },
    replayed: { type: 'boolean', description: 'True when this transfer had been made before' },
    balance: { type: 'integer', description: 'Your balance after it' },
  },
} as const;

const grantView = {
  type: 'object',
  required: ['grantId', 'storeId', 'points', 'createdAt', 'expiresAt', 'status'],
  properties: {
    grantId: { type: 'string', description: 'SHA-256 of the code, hex: how the ledger knows it' },
    storeId: { type: 'string' },
    points: { type: 'integer' },
    createdAt: { type: 'string', format: 'date-time' },
    expiresAt: { type: 'string', format: 'date-time' },
    status: { type: 'string', enum: ['active', 'used', 'cancelled', 'expired'] },
    usedAt: { type: ['string', 'null'] },
    pointsRedeemed: { type: ['integer', 'null'] },
    ticketId: { type: ['string', 'null'] },
    cancelledAt: { type: ['string', 'null'] },
  },
} as const;

/**
 * What a customer does with their points: give them to another customer,
 * and create, list or cancel redemption grants (their consent for one store
 * to spend them). The server acts on the ledger for the customer, who holds
 * no ledger credentials; one spend at a time per customer.
 */
export function customerPointsRoutes(
  app: FastifyInstance,
  query: QueryContext,
  spends: KeyedSerializer,
): void {
  const asCustomer = (request: FastifyRequest<{ Params: { customerId: string } }>) => {
    const person = requirePerson(request, ['customer']);
    if (person.subjectId !== request.params.customerId) throw notFound('such customer');
    return request.params.customerId;
  };

  app.post<{
    Params: { customerId: string };
    Body: { toCustomerId: string; points: number; transferId?: string };
  }>(
    '/v1/customers/:customerId/points/transfers',
    {
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
      const customerId = asCustomer(request);
      const body = checkBody<{ toCustomerId: string; points: number; transferId?: string }>(
        transferBody,
        request.body,
      );
      const { toCustomerId, points: amount } = body;
      const transferId = body.transferId ?? randomUUID();
      const tx = await spends.run(customerId, () =>
        ledgerCall(() =>
          query.client.transferPoints(query.identities.query, {
            transferId,
            fromCustomerId: customerId,
            toCustomerId,
            points: amount,
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

  app.post<{
    Params: { customerId: string };
    Body: { storeId: string; points: number; ttlSeconds?: number };
  }>(
    '/v1/customers/:customerId/points/grants',
    {
      schema: {
        summary: 'Create a redemption grant',
        description: `Consent for one store to spend at most \`points\` of yours, once, within \`ttlSeconds\` (default ${DEFAULT_GRANT_TTL_SECONDS}, at most ${MAX_GRANT_TTL_SECONDS}). The answer carries the code, once: show it at the till (as text or as the QR payload). Only its SHA-256 goes on the ledger. Nothing is reserved: the balance is checked when the till uses the grant.`,
        tags: ['points'],
        security: personSecurity,
        params: customerParams,
        body: grantBody,
        response: {
          201: {
            type: 'object',
            required: ['code', 'qrPayload', 'txId', 'blockNumber', ...grantView.required],
            properties: {
              ...grantView.properties,
              code: { type: 'string', description: 'Single-use secret: show it, never share it' },
              qrPayload: { type: 'string', description: 'What to encode in the QR code' },
              txId: { type: 'string' },
              blockNumber: { type: 'integer' },
            },
          },
          ...queryErrors,
          422: problemRef,
          503: problemRef,
        },
      },
    },
    async (request, reply) => {
      const customerId = asCustomer(request);
      const body = checkBody<{ storeId: string; points: number; ttlSeconds?: number }>(
        grantBody,
        request.body,
      );
      const { storeId, points: amount } = body;
      const balance = query.points.summary(customerId).balance;
      if (amount > balance) {
        // Caught here for a clear answer in the app; the contract checks again at the till.
        throw new ProblemError(
          problem(ProblemType.unprocessable, 422, 'Not enough points', undefined, [
            {
              path: '/points',
              rule: 'insufficient-points',
              message: `${amount} points asked, ${balance} available`,
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
          points: amount,
          ttlSeconds: body.ttlSeconds ?? DEFAULT_GRANT_TTL_SECONDS,
        }),
      );
      await query.projector.waitFor(tx.blockNumber);
      const view = query.points.grant(customerId, tx.value.grantId, new Date());
      return reply.code(201).send({
        ...view,
        code,
        qrPayload: `eter:grant:v1:${code}`,
        txId: tx.transactionId,
        blockNumber: tx.blockNumber,
      });
    },
  );

  app.get<{ Params: { customerId: string } }>(
    '/v1/customers/:customerId/points/grants',
    {
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
    async (request) => ({ grants: query.points.grants(asCustomer(request), new Date()) }),
  );

  app.delete<{ Params: { customerId: string; grantId: string } }>(
    '/v1/customers/:customerId/points/grants/:grantId',
    {
      schema: {
        summary: 'Cancel a redemption grant',
        description:
          'An active (or expired) grant can no longer be used. Cancelling twice is harmless; a used grant cannot be cancelled (409, `grant-used`).',
        tags: ['points'],
        security: personSecurity,
        params: {
          type: 'object',
          properties: {
            customerId: idParam,
            grantId: { type: 'string', pattern: '^[0-9a-f]{64}$' },
          },
        },
        response: { 200: grantView, ...queryErrors, 409: problemRef, 503: problemRef },
      },
    },
    async (request) => {
      const customerId = asCustomer(request);
      const { grantId } = request.params;
      if (query.points.grant(customerId, grantId, new Date()) === undefined) {
        throw notFound('such grant');
      }
      const tx = await ledgerCall(() =>
        query.client.cancelRedemptionGrant(query.identities.query, { customerId, grantId }),
      );
      await query.projector.waitFor(tx.blockNumber);
      return query.points.grant(customerId, grantId, new Date());
    },
  );

  app.get<{ Params: { customerId: string; txId: string } }>(
    '/v1/customers/:customerId/points/movements/:txId/proof',
    {
      schema: {
        summary: 'Proof that a points movement is on the ledger',
        description:
          'The inclusion proof of the transaction that moved your points, checkable offline against a signed head.',
        tags: ['points'],
        security: personSecurity,
        params: {
          type: 'object',
          properties: {
            customerId: idParam,
            txId: txIdParam,
          },
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
      const customerId = asCustomer(request);
      const movement = query.points.movementOf(customerId, request.params.txId);
      if (movement === undefined) throw notFound('such movement');
      return {
        txId: movement.txId,
        blockNumber: movement.blockNumber,
        ...withProof(await query.proofFor('customer', movement.txId)),
      };
    },
  );
}
