/**
 * Schemas of the query side's answers and parameters. Fastify validates the
 * parameters and serializes the answers with them, and the OpenAPI document
 * shows them; a field not listed here is never sent.
 */

/** Shared schemas, registered once with `app.addSchema`. */
export const querySharedSchemas = [
  {
    $id: 'TicketLineView',
    type: 'object',
    required: ['lineNo', 'gtin', 'description', 'quantity', 'amount', 'manufacturerId'],
    properties: {
      lineNo: { type: 'integer' },
      gtin: { type: 'string' },
      description: { type: 'string' },
      quantity: { type: 'string', description: 'Exact decimal' },
      amount: { type: 'string', description: 'Exact decimal, in the ticket currency' },
      manufacturerId: { type: ['string', 'null'] },
    },
  },
  {
    $id: 'TicketView',
    type: 'object',
    required: [
      'storeId',
      'ticketId',
      'type',
      'issuedAt',
      'currency',
      'total',
      'customerId',
      'originalTicketId',
      'pointsAwarded',
      'contentHash',
      'txId',
      'blockNumber',
      'lines',
    ],
    properties: {
      storeId: { type: 'string' },
      ticketId: { type: 'string' },
      type: { enum: ['sale', 'return'] },
      issuedAt: { type: 'string', format: 'date-time' },
      currency: { type: 'string' },
      total: { type: 'string' },
      customerId: { type: ['string', 'null'] },
      originalTicketId: { type: ['string', 'null'] },
      pointsAwarded: { type: 'integer' },
      contentHash: { type: 'string' },
      txId: { type: 'string' },
      blockNumber: { type: 'integer' },
      lines: { type: 'array', items: { $ref: 'TicketLineView#' } },
    },
  },
  {
    $id: 'TicketViewPage',
    type: 'object',
    required: ['tickets'],
    properties: {
      tickets: { type: 'array', items: { $ref: 'TicketView#' } },
      nextCursor: { type: 'string', description: 'Pass as `cursor` for the next page' },
    },
  },
  {
    $id: 'ProofDocument',
    type: 'object',
    description:
      'A self-contained proof; `format` names its kind (eter-inclusion-proof/v1, eter-consistency-proof/v1, eter-signed-head/v1). Check with `eter check-proof`.',
    required: ['format'],
    properties: { format: { type: 'string' } },
    additionalProperties: true,
  },
] as const;

/** `limit` and `cursor` of a paged list. */
export const pageQuery = {
  limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
  cursor: { type: 'string', maxLength: 512 },
} as const;

/** `from` (inclusive) and `to` (exclusive) instants of a time window. */
export const timeWindowQuery = {
  from: { type: 'string', format: 'date-time', description: 'Inclusive, RFC 3339' },
  to: { type: 'string', format: 'date-time', description: 'Exclusive, RFC 3339' },
} as const;

/** A participant id in a path. */
export const idParam = { type: 'string', minLength: 1, maxLength: 64 } as const;

export const problemRef = { $ref: 'Problem#' } as const;

/** Error answers every query route can give. */
export const queryErrors = {
  '4xx': problemRef,
  '5xx': problemRef,
} as const;

/** Security requirement of routes for logged-in people. */
export const personSecurity = [{ personToken: [] }];
