/**
 * What the live streams send: each event's data is declared here, written
 * through a serializer compiled from its schema (a field the schema does not
 * list is never sent, as for every other answer), and published in the
 * OpenAPI document as the `data` of the stream's events.
 */
import fastJson from 'fast-json-stringify';
import { MANUFACTURER_LINE_FIELDS } from '../../../access';
import { movementView } from '../points/schemas';

const LINE_FIELDS = ['lineNo', 'gtin', 'description', 'quantity', 'amount'] as const;
const TICKET_FIELDS = MANUFACTURER_LINE_FIELDS.filter(
  (f): f is Exclude<(typeof MANUFACTURER_LINE_FIELDS)[number], (typeof LINE_FIELDS)[number]> =>
    !(LINE_FIELDS as readonly string[]).includes(f),
);

const FIELD_SCHEMAS = {
  storeId: { type: 'string' },
  issuedAt: { type: 'string', format: 'date-time' },
  type: { enum: ['sale', 'return'] },
  currency: { type: 'string' },
  blockNumber: { type: 'integer' },
  lineNo: { type: 'integer' },
  gtin: { type: 'string' },
  description: { type: 'string' },
  quantity: { type: 'string', description: 'Exact decimal' },
  amount: { type: 'string', description: 'Exact decimal, in the ticket currency' },
} as const;

const pick = (fields: readonly (keyof typeof FIELD_SCHEMAS)[]) =>
  Object.fromEntries(fields.map((f) => [f, FIELD_SCHEMAS[f]]));

/**
 * `sale`: a manufacturer's lines of one new ticket, with the fields the
 * access policy grants a manufacturer (`MANUFACTURER_LINE_FIELDS`), no more.
 */
export const saleEvent = {
  $id: 'SaleEvent',
  type: 'object',
  description: "A manufacturer's own lines of one ticket: no ticket id, customer or basket",
  required: ['seq', ...TICKET_FIELDS, 'lines'],
  properties: {
    seq: { type: 'integer' },
    ...pick(TICKET_FIELDS),
    lines: {
      type: 'array',
      items: { type: 'object', required: [...LINE_FIELDS], properties: pick(LINE_FIELDS) },
    },
  },
  additionalProperties: false,
};

/** `ticket`: a store's (or its retailer's) new ticket, in brief. */
export const ticketEvent = {
  $id: 'TicketEvent',
  type: 'object',
  required: [
    'seq',
    'storeId',
    'ticketId',
    'type',
    'issuedAt',
    'total',
    'currency',
    'lines',
    'txId',
    'blockNumber',
  ],
  properties: {
    seq: { type: 'integer' },
    storeId: { type: 'string' },
    ticketId: { type: 'string' },
    type: { enum: ['sale', 'return'] },
    issuedAt: { type: 'string', format: 'date-time' },
    total: { type: 'string', description: 'Exact decimal' },
    currency: { type: 'string' },
    lines: { type: 'integer', description: 'How many lines the ticket has' },
    txId: { type: 'string' },
    blockNumber: { type: 'integer' },
  },
  additionalProperties: false,
};

/** `points`: a movement of the customer's own points. */
export const pointsEvent = { $id: 'PointsEvent', ...movementView, additionalProperties: false };

/** The event names, and the serializer of each one's data. */
export const EVENTS = {
  sale: fastJson(saleEvent),
  ticket: fastJson(ticketEvent),
  points: fastJson(pointsEvent),
} as const;

/** The name of a stream event. */
export type EventName = keyof typeof EVENTS;

/** The schema of a stream's 200 answer: Server-Sent Events whose data is one of `events`. */
export function eventStream(events: readonly { $id: string }[]) {
  return {
    description: 'Server-Sent Events, until the client closes the stream',
    content: {
      'text/event-stream': {
        // Each event, as OpenAPI 3.1 reads the schema of an event stream.
        schema: {
          type: 'object',
          required: ['event', 'id', 'data'],
          properties: {
            event: { enum: events.map((e) => e.$id.replace(/Event$/, '').toLowerCase()) },
            id: { type: 'string', pattern: '^[0-9]+$', description: 'Resume after it' },
            data: {
              type: 'string',
              contentMediaType: 'application/json',
              contentSchema: { oneOf: events.map((e) => ({ $ref: `${e.$id}#` })) },
            },
          },
        },
      },
    },
  };
}
