import type { FastifyInstance } from 'fastify';
import type { SalesDimension } from '../../../readmodel';
import { problem, ProblemError, ProblemType } from '../../http/problem';
import type { QueryContext } from '../../query-context';
import { idParam, personSecurity, queryErrors } from '../../http/schemas';
import { typed } from '../../http/typed-routes';
import { authorize } from '../../http/access';
import { gtinQuery, localDate } from './schemas';

/** Longest window a report covers, in days: bounds the work of one request. */
export const MAX_SALES_DAYS = 366;
const MAX_HOURLY_DAYS = 31;

/** What a report is asked for: a window of local dates, a granularity, filters and a breakdown. */
const salesQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to'],
  properties: {
    from: localDate,
    to: localDate,
    granularity: { enum: ['day', 'hour'], default: 'day' },
    storeId: idParam,
    gtin: gtinQuery,
    groupBy: { type: 'string', pattern: '^(store|gtin)(,(store|gtin))?$' },
  },
} as const;

/** A report: one row per period (and store and product, by the breakdown asked). */
const salesReport = {
  type: 'object',
  required: ['manufacturerId', 'from', 'to', 'granularity', 'rows'],
  properties: {
    manufacturerId: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    granularity: { type: 'string' },
    rows: {
      type: 'array',
      items: {
        type: 'object',
        required: ['period', 'currency', 'quantity', 'amount', 'lines'],
        properties: {
          period: { type: 'string', description: 'YYYY-MM-DD or YYYY-MM-DDTHH, local' },
          storeId: { type: 'string' },
          gtin: { type: 'string' },
          currency: { type: 'string' },
          quantity: { type: 'string' },
          amount: { type: 'string' },
          lines: { type: 'integer' },
        },
      },
    },
  },
} as const;

/** A manufacturer's sales of its own products. */
export function querySalesRoutes(app: FastifyInstance, query: QueryContext): void {
  typed(app).get(
    '/v1/manufacturers/:manufacturerId/sales',
    {
      config: { access: 'manufacturer-sales' },
      schema: {
        summary: "A manufacturer's net sales of its own products",
        description:
          'Quantities and amounts summed exactly, returns subtracted, per local day or hour of the store, from `from` to `to` (local dates, both inclusive), optionally for one store or product and broken down by store and/or product (`groupBy=store,gtin`). Manufacturers see their own products only, never customers or baskets.',
        tags: ['query'],
        security: personSecurity,
        params: {
          type: 'object',
          required: ['manufacturerId'],
          properties: { manufacturerId: idParam },
        },
        querystring: salesQuery,
        response: {
          200: salesReport,
          ...queryErrors,
        },
      },
    },
    async (request) => {
      const { manufacturerId } = request.params;
      authorize(request, 'manufacturer-sales', { manufacturerId });
      const q = request.query;
      const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 + 1;
      const maxDays = q.granularity === 'hour' ? MAX_HOURLY_DAYS : MAX_SALES_DAYS;
      if (!(days >= 1 && days <= maxDays)) {
        throw new ProblemError(
          problem(ProblemType.malformedRequest, 400, 'Bad date range', undefined, [
            {
              path: '/to',
              rule: 'date-range',
              message: `to must be on or after from, at most ${maxDays} days with granularity ${q.granularity}`,
            },
          ]),
        );
      }
      const groupBy = (q.groupBy?.split(',') ?? []) as SalesDimension[];
      const rows = query.sales.report({
        manufacturerId,
        from: q.from,
        to: q.to,
        granularity: q.granularity,
        groupBy,
        ...(q.storeId === undefined ? {} : { storeId: q.storeId }),
        ...(q.gtin === undefined ? {} : { gtin: q.gtin }),
      });
      return { manufacturerId, from: q.from, to: q.to, granularity: q.granularity, rows };
    },
  );
}
