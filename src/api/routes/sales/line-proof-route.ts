import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../../ledger/gateway';
import { authorize, notFoundProblem } from '../../http/access';
import { problem, ProblemError, ProblemType } from '../../http/problem';
import { idParam, personSecurity, queryErrors } from '../../http/schemas';
import { typed } from '../../http/typed-routes';
import { asProofReply, type QueryContext } from '../../query-context';

/** A line reference as the drill-down gives it: one AES block, unpadded base64url. */
const referenceParam = {
  type: 'string',
  pattern: '^[A-Za-z0-9_-]{22}$',
  minLength: 22,
  maxLength: 22,
  description: "A line's `reference`, from the manufacturer's sale lines",
} as const;

/**
 * A manufacturer's proof of one of its sale lines: the line, disclosed alone from its ticket's
 * version 3 record, and nothing else of the ticket (docs/ledger.md, element proofs).
 */
export function lineProofRoute(app: FastifyInstance, query: QueryContext): void {
  typed(app).get(
    '/v1/manufacturers/:manufacturerId/sales/lines/:reference/proof',
    {
      config: { access: 'manufacturer-sales' },
      schema: {
        summary: 'Proof of one of a manufacturer’s sale lines',
        description:
          "An `eter-element-proof/v1`: the line as it is in its ticket on the ledger (an SD-JWT array-element disclosure, RFC 9901), the ticket's log leaf (its other parts folded into one digest, its lines' digests sorted among decoys, so neither the other lines, their number beyond a power of two, nor their places show), the audit path and the signed head. Check it with `eter check-proof --pubkey`. Lines of tickets recorded before record version 3 have no such proof (404); Fabric has none (501).",
        tags: ['query'],
        security: personSecurity,
        params: {
          type: 'object',
          required: ['manufacturerId', 'reference'],
          properties: { manufacturerId: idParam, reference: referenceParam },
        },
        response: { 200: { $ref: 'ProofDocument#' }, ...queryErrors },
      },
    },
    async (request) => {
      const { manufacturerId, reference } = request.params;
      authorize(request, 'manufacturer-sales', { manufacturerId });
      const prove = query.proofs?.elements?.bind(query.proofs);
      if (prove === undefined) {
        throw new ProblemError(
          problem(
            ProblemType.unavailable,
            501,
            'Line proofs are not available on this ledger engine',
          ),
        );
      }
      const line = query.saleLines.lineOnLedger(manufacturerId, reference);
      if (line === undefined) throw notFoundProblem('sale line');
      try {
        return asProofReply(
          await prove(
            line.txId,
            (element) => (element as { lineNo?: unknown } | null)?.lineNo === line.lineNo,
          ),
        );
      } catch (error) {
        if (error instanceof NotFoundError) throw notFoundProblem('proof of this sale line');
        throw error;
      }
    },
  );
}
