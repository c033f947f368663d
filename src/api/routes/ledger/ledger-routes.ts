import type { FastifyInstance } from 'fastify';
import {
  NotFoundError,
  type LedgerGateway,
  type ProofDocument,
  type ProofService,
} from '../../../ledger/gateway';
import { asProofReply } from '../../query-context';
import { problem, ProblemError, ProblemType } from '../../http/problem';
import {
  personSecurity,
  problemRef,
  queryErrors as usualErrors,
  txIdParam,
} from '../../http/schemas';
import { typed, type ProofReply } from '../../http/typed-routes';
import { authorizePerson, notFoundProblem } from '../../http/access';
import { ledgerKeyRoute } from './key-route';

/** The usual problems, and 501 where this engine keeps no proofs (Fabric serves its own). */
const queryErrors = { ...usualErrors, 501: problemRef } as const;

const MAX_BLOCKS = 100;

const blockSchema = {
  type: 'object',
  required: ['number', 'transactions'],
  properties: {
    number: { type: 'integer' },
    transactions: {
      type: 'array',
      items: {
        type: 'object',
        required: [
          'txId',
          'validationCode',
          'contract',
          'fn',
          'creatorMspId',
          'timestamp',
          'events',
        ],
        properties: {
          txId: { type: 'string' },
          validationCode: { type: 'string' },
          contract: { type: 'string' },
          fn: { type: 'string' },
          creatorMspId: { type: 'string' },
          timestamp: { type: 'string' },
          events: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
} as const;

const blockNumber = { type: 'integer', minimum: 0 } as const;

/** The auditor's view: heads, blocks and proofs; and the node's key, for anyone. */
export function ledgerRoutes(
  app: FastifyInstance,
  gateway: LedgerGateway,
  proofs: ProofService | undefined,
): void {
  ledgerKeyRoute(app, proofs);
  headRoute(app, gateway, proofs);
  blocksRoute(app, gateway);
  inclusionRoute(app, proofs);
  consistencyRoute(app, proofs);
}

function headRoute(
  app: FastifyInstance,
  gateway: LedgerGateway,
  proofs: ProofService | undefined,
): void {
  typed(app).get(
    '/v1/ledger/head',
    {
      config: { access: 'ledger-head' },
      schema: {
        summary: 'Ledger height and its newest signed head',
        tags: ['audit'],
        security: personSecurity,
        response: {
          200: {
            type: 'object',
            required: ['height'],
            properties: { height: { type: 'integer' }, head: { $ref: 'ProofDocument#' } },
          },
          ...queryErrors,
        },
      },
    },
    async (request) => {
      authorizePerson(request, 'ledger-head');
      const height = await gateway.height();
      if (height === 0 || proofs === undefined) return { height };
      return { height, head: asProofReply(await proofs.head()) };
    },
  );
}

function blocksRoute(app: FastifyInstance, gateway: LedgerGateway): void {
  typed(app).get(
    '/v1/ledger/blocks',
    {
      config: { access: 'ledger' },
      schema: {
        summary: 'Committed blocks and their transactions',
        description:
          'Blocks from `from`, at most `limit`; transactions show their verdict and events.',
        tags: ['audit'],
        security: personSecurity,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            from: { ...blockNumber, default: 0 },
            limit: { type: 'integer', minimum: 1, maximum: MAX_BLOCKS, default: 20 },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['height', 'blocks'],
            properties: {
              height: { type: 'integer' },
              blocks: { type: 'array', items: blockSchema },
            },
          },
          ...queryErrors,
        },
      },
    },
    async (request) => {
      authorizePerson(request, 'ledger');
      const { from, limit } = request.query;
      const height = await gateway.height();
      const last = Math.min(height, from + limit) - 1;
      const blocks = [];
      if (from <= last) {
        const abort = new AbortController();
        for await (const block of gateway.blocks({ startBlock: from, signal: abort.signal })) {
          blocks.push({
            number: block.number,
            transactions: block.transactions.map((tx) => ({
              txId: tx.transactionId,
              validationCode: tx.validationCode,
              contract: tx.contract,
              fn: tx.fn,
              creatorMspId: tx.creatorMspId,
              timestamp: tx.timestamp,
              events: tx.events.map((e) => e.name),
            })),
          });
          if (block.number >= last) break;
        }
        abort.abort();
      }
      return { height, blocks };
    },
  );
}

function inclusionRoute(app: FastifyInstance, proofs: ProofService | undefined): void {
  typed(app).get(
    '/v1/ledger/transactions/:txId/proof',
    {
      config: { access: 'ledger' },
      schema: {
        summary: 'Inclusion proof of a transaction',
        description:
          'With the arguments, result and event it commits to; check with `eter check-proof`.',
        tags: ['audit'],
        security: personSecurity,
        params: { type: 'object', required: ['txId'], properties: { txId: txIdParam } },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { atBlock: blockNumber },
        },
        response: { 200: { $ref: 'ProofDocument#' }, ...queryErrors },
      },
    },
    async (request) => {
      authorizePerson(request, 'ledger');
      const service = requireProofs(proofs);
      return found(
        () => service.inclusion(request.params.txId, request.query.atBlock),
        'transaction',
      );
    },
  );
}

function consistencyRoute(app: FastifyInstance, proofs: ProofService | undefined): void {
  typed(app).get(
    '/v1/ledger/consistency',
    {
      config: { access: 'ledger' },
      schema: {
        summary: 'Consistency proof between two heads',
        description:
          'Proves that the ledger at block `to` (default: newest) extends the ledger at block `from`.',
        tags: ['audit'],
        security: personSecurity,
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['from'],
          properties: { from: blockNumber, to: blockNumber },
        },
        response: { 200: { $ref: 'ProofDocument#' }, ...queryErrors },
      },
    },
    async (request) => {
      authorizePerson(request, 'ledger');
      const { from, to } = request.query;
      // A later head extends an earlier one, never the reverse: there is no such proof.
      if (to !== undefined && to < from)
        throw notFoundProblem(`proof that block ${to} extends block ${from}`);
      const service = requireProofs(proofs);
      return found(() => service.consistency(from, to), 'block');
    },
  );
}

function requireProofs(proofs: ProofService | undefined): ProofService {
  if (proofs !== undefined) return proofs;
  throw new ProblemError(
    problem(ProblemType.unavailable, 501, 'Proofs are not available on this ledger engine'),
  );
}

/** The proof `read` makes, or 404 naming `what` the ledger does not have. */
async function found(read: () => Promise<ProofDocument>, what: string): Promise<ProofReply> {
  try {
    return asProofReply(await read());
  } catch (error) {
    if (error instanceof NotFoundError) throw notFoundProblem(what);
    throw error;
  }
}
