/**
 * Schemas of the sales routes shared between them, and those of a
 * manufacturer's drill-down to its lines.
 */
import type { MANUFACTURER_SALE_LINE_FIELDS } from '../../../access';
import { idParam, pageQuery } from '../../http/schemas';

/** A local date, `YYYY-MM-DD`. */
export const localDate = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  format: 'date',
} as const;

/** A GTIN-8, -12, -13 or -14. */
export const gtinQuery = { type: 'string', pattern: '^\\d{8}$|^\\d{12,14}$' } as const;

/** Which lines: local dates, optionally an hour of them, a store, a product; a page. */
export const saleLinesQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to'],
  properties: {
    from: { ...localDate, description: 'First local date of the stores, inclusive' },
    to: { ...localDate, description: 'Last local date of the stores, inclusive' },
    hour: {
      type: 'integer',
      minimum: 0,
      maximum: 23,
      description: "The store's local hour on each date (drilling from an hourly figure)",
    },
    storeId: idParam,
    gtin: gtinQuery,
    ...pageQuery,
  },
} as const;

const saleLineProperties = {
  reference: {
    type: 'string',
    description:
      'Opaque and stable per line; it identifies no ticket, transaction or customer, and two lines of one ticket share nothing',
  },
  storeId: { type: 'string' },
  issuedAt: {
    type: 'string',
    format: 'date-time',
    description: "The ticket's issue time, with the store's offset",
  },
  type: { enum: ['sale', 'return'] },
  gtin: { type: 'string' },
  description: { type: 'string' },
  quantity: {
    type: 'string',
    description: 'Exact decimal; a return gives the quantity taken back',
  },
  amount: { type: 'string', description: 'Exact decimal, in `currency`' },
  currency: { type: 'string' },
  blockNumber: { type: 'integer' },
} as const;

// The schema lists exactly the fields the access policy gives a manufacturer.
type Fields = (typeof MANUFACTURER_SALE_LINE_FIELDS)[number];
const sameFields: [Fields, keyof typeof saleLineProperties] extends [
  keyof typeof saleLineProperties,
  Fields,
]
  ? true
  : never = true;
void sameFields;

/** A page of a manufacturer's lines. */
export const saleLinePage = {
  type: 'object',
  required: ['manufacturerId', 'lines'],
  properties: {
    manufacturerId: { type: 'string' },
    lines: {
      type: 'array',
      items: {
        type: 'object',
        required: [
          'reference',
          'storeId',
          'issuedAt',
          'type',
          'gtin',
          'description',
          'quantity',
          'amount',
          'currency',
          'blockNumber',
        ],
        properties: saleLineProperties,
      },
    },
    nextCursor: { type: 'string', description: 'Pass as `cursor` for the next page' },
  },
} as const;
