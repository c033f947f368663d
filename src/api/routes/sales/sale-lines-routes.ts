import type { FastifyInstance } from 'fastify';
import { problem, ProblemError, ProblemType } from '../../http/problem';
import type { QueryContext } from '../../query-context';
import { idParam, personSecurity, queryErrors } from '../../http/schemas';
import { typed } from '../../http/typed-routes';
import { authorize } from '../../http/access';
import { paged } from '../tickets/query-routes';
import { saleLinePage, saleLinesQuery } from './schemas';

/** Longest window of a drill-down, in days: a page may pass over every ticket of it. */
export const MAX_SALE_LINE_DAYS = 31;

/** The lines behind a manufacturer's sales figures. */
export function saleLinesRoutes(app: FastifyInstance, query: QueryContext): void {
  typed(app).get(
    '/v1/manufacturers/:manufacturerId/sales/lines',
    {
      config: { access: 'manufacturer-sales' },
      schema: {
        summary: "The lines behind a manufacturer's sales figures",
        description: `A manufacturer's own sale and return lines, one row each, oldest first (by issue time), from \`from\` to \`to\` (the stores' local dates, both inclusive, at most ${MAX_SALE_LINE_DAYS} days), optionally at one local hour, store or product; page with \`cursor\`. Each line carries an opaque \`reference\` instead of its ticket: no ticket id, transaction, customer, total or line number, so that lines cannot be regrouped into baskets.`,
        tags: ['query'],
        security: personSecurity,
        params: {
          type: 'object',
          required: ['manufacturerId'],
          properties: { manufacturerId: idParam },
        },
        querystring: saleLinesQuery,
        response: {
          200: saleLinePage,
          ...queryErrors,
        },
      },
    },
    async (request) => {
      const { manufacturerId } = request.params;
      authorize(request, 'manufacturer-sales', { manufacturerId });
      const q = request.query;
      const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 + 1;
      if (!(days >= 1 && days <= MAX_SALE_LINE_DAYS)) {
        throw new ProblemError(
          problem(ProblemType.malformedRequest, 400, 'Bad date range', undefined, [
            {
              path: '/to',
              rule: 'date-range',
              message: `to must be on or after from, at most ${MAX_SALE_LINE_DAYS} days`,
            },
          ]),
        );
      }
      const page = paged(() =>
        query.saleLines.lines({
          manufacturerId,
          from: q.from,
          to: q.to,
          limit: q.limit,
          ...(q.hour === undefined ? {} : { hour: q.hour }),
          ...(q.storeId === undefined ? {} : { storeId: q.storeId }),
          ...(q.gtin === undefined ? {} : { gtin: q.gtin }),
          ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
        }),
      );
      return { manufacturerId, ...page };
    },
  );
}
