import type { FastifyInstance } from 'fastify';
import { notFound, requirePerson } from '../../auth/person';
import { problem, ProblemError, ProblemType } from '../../http/problem';
import type { QueryContext } from '../../query-context';
import { idParam, personSecurity, queryErrors } from '../../http/schemas';

/** Longest window of store totals, in days: they are summed from tickets on request. */
export const MAX_STORE_TOTAL_DAYS = 92;

const DATE = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date' } as const;

interface Window {
  from: string;
  to: string;
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

function totalsPage(owner: 'storeId' | 'retailerId') {
  return {
    type: 'object',
    required: [owner, 'from', 'to', 'rows'],
    properties: {
      [owner]: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      rows: { type: 'array', items: totalsRow },
    },
  } as const;
}

/** Daily totals of a store's tickets, for the store and its retailer, and of a retailer's stores. */
export function queryStoreSalesRoutes(app: FastifyInstance, query: QueryContext): void {
  app.get<{ Params: { storeId: string }; Querystring: Window }>(
    '/v1/stores/:storeId/sales',
    {
      schema: {
        summary: "A store's daily totals",
        description: `Per local day and currency: sale and return tickets and amounts, and the net (returns are reported where and when they are made). At most ${MAX_STORE_TOTAL_DAYS} days. For the store and its retailer.`,
        tags: ['query'],
        security: personSecurity,
        params: { type: 'object', properties: { storeId: idParam } },
        querystring: windowQuery,
        response: { 200: totalsPage('storeId'), ...queryErrors },
      },
    },
    async (request) => {
      const person = requirePerson(request, ['store', 'retailer']);
      const { storeId } = request.params;
      if (!query.readsStore(person, storeId)) throw notFound('such store');
      const { from, to } = checkWindow(request.query);
      return { storeId, from, to, rows: query.storeTotals.daily([storeId], from, to) };
    },
  );

  app.get<{ Params: { retailerId: string }; Querystring: Window }>(
    '/v1/retailers/:retailerId/sales',
    {
      schema: {
        summary: "A retailer's daily totals, store by store",
        description: `The daily totals of each of the retailer's stores (as \`GET /v1/stores/{id}/sales\`). At most ${MAX_STORE_TOTAL_DAYS} days. Retailers see their own only.`,
        tags: ['query'],
        security: personSecurity,
        params: { type: 'object', properties: { retailerId: idParam } },
        querystring: windowQuery,
        response: { 200: totalsPage('retailerId'), ...queryErrors },
      },
    },
    async (request) => {
      const person = requirePerson(request, ['retailer']);
      const { retailerId } = request.params;
      if (person.subjectId !== retailerId) throw notFound('such retailer');
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
