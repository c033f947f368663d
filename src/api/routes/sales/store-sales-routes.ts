import type { FastifyInstance } from 'fastify';
import { problem, ProblemError, ProblemType } from '../../http/problem';
import type { QueryContext } from '../../query-context';
import { idParam, personSecurity, queryErrors } from '../../http/schemas';
import { typed } from '../../http/typed-routes';
import { authorize } from '../../http/access';

/** Longest window of store totals, in days: they are summed from tickets on request. */
export const MAX_STORE_TOTAL_DAYS = 92;

const DATE = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date' } as const;

interface Window {
  readonly from: string;
  readonly to: string;
}

const windowQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to'],
  properties: {
    from: { ...DATE, description: "The stores' local date, inclusive" },
    to: { ...DATE, description: 'Inclusive' },
  },
} as const;

const totalsRow = {
  type: 'object',
  required: [
    'storeId',
    'day',
    'currency',
    'sales',
    'returns',
    'salesAmount',
    'returnsAmount',
    'netAmount',
  ],
  properties: {
    storeId: { type: 'string' },
    day: { type: 'string', description: "The store's local date" },
    currency: { type: 'string' },
    sales: { type: 'integer', description: 'Sale tickets' },
    returns: { type: 'integer', description: 'Return tickets' },
    salesAmount: { type: 'string', description: 'Exact decimal' },
    returnsAmount: { type: 'string', description: 'Exact decimal' },
    netAmount: {
      type: 'string',
      description: 'Sales less returns; negative on a day more came back than was sold',
    },
  },
} as const;

const window = {
  from: { type: 'string' },
  to: { type: 'string' },
  rows: { type: 'array', items: totalsRow },
} as const;

const storeTotals = {
  type: 'object',
  required: ['storeId', 'from', 'to', 'rows'],
  properties: { storeId: { type: 'string' }, ...window },
} as const;

const retailerTotals = {
  type: 'object',
  required: ['retailerId', 'from', 'to', 'rows'],
  properties: { retailerId: { type: 'string' }, ...window },
} as const;

/** Daily totals of a store's tickets, for the store and its retailer, and of a retailer's stores. */
export function queryStoreSalesRoutes(app: FastifyInstance, query: QueryContext): void {
  typed(app).get(
    '/v1/stores/:storeId/sales',
    {
      config: { access: 'store-tickets' },
      schema: {
        summary: "A store's daily totals",
        description: `Per local day and currency: sale and return tickets and amounts, and the net (returns are reported where and when they are made). At most ${MAX_STORE_TOTAL_DAYS} days. For the store and its retailer.`,
        tags: ['query'],
        security: personSecurity,
        params: { type: 'object', required: ['storeId'], properties: { storeId: idParam } },
        querystring: windowQuery,
        response: { 200: storeTotals, ...queryErrors },
      },
    },
    async (request) => {
      const { storeId } = request.params;
      authorize(request, 'store-tickets', { storeId });
      const { from, to } = checkWindow(request.query);
      return { storeId, from, to, rows: query.storeTotals.daily([storeId], from, to) };
    },
  );

  typed(app).get(
    '/v1/retailers/:retailerId/sales',
    {
      config: { access: 'retailer-tickets' },
      schema: {
        summary: "A retailer's daily totals, store by store",
        description: `The daily totals of each of the retailer's stores (as \`GET /v1/stores/{id}/sales\`). At most ${MAX_STORE_TOTAL_DAYS} days. Retailers see their own only.`,
        tags: ['query'],
        security: personSecurity,
        params: { type: 'object', required: ['retailerId'], properties: { retailerId: idParam } },
        querystring: windowQuery,
        response: { 200: retailerTotals, ...queryErrors },
      },
    },
    async (request) => {
      const { retailerId } = request.params;
      authorize(request, 'retailer-tickets', { retailerId });
      const { from, to } = checkWindow(request.query);
      const stores = query.participants.storesOf(retailerId);
      return { retailerId, from, to, rows: query.storeTotals.daily(stores, from, to) };
    },
  );
}

function checkWindow(window: Window): Window {
  const days = (Date.parse(window.to) - Date.parse(window.from)) / 86_400_000 + 1;
  if (!(days >= 1 && days <= MAX_STORE_TOTAL_DAYS)) {
    throw new ProblemError(
      problem(ProblemType.malformedRequest, 400, 'Bad date range', undefined, [
        {
          path: '/to',
          rule: 'date-range',
          message: `to must be on or after from, at most ${MAX_STORE_TOTAL_DAYS} days`,
        },
      ]),
    );
  }
  return window;
}
