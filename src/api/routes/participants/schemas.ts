/**
 * Schemas of the operator's participant routes. Ids reference the ticket
 * format's own definitions (`TicketShortId`, `TicketCustomerId`), as the
 * contract's requests do, so that the API, the contract and the ticket
 * format accept the very same ids.
 */
import { registrationBodies } from '../../../contract/registration-schemas';
import { erasureReason, erasureReference } from '../../../contract/requests';

/** Participants by the path segment that lists them, and the contract's kind. */
export const KINDS = {
  stores: 'store',
  manufacturers: 'manufacturer',
  customers: 'customer',
} as const;

/** A path segment of {@link KINDS}. */
export type KindPath = keyof typeof KINDS;

const shortId = { $ref: 'TicketShortId#' } as const;

export const participantView = {
  type: 'object',
  required: ['kind', 'id', 'name', 'status', 'registeredAt', 'record'],
  properties: {
    kind: { type: 'string' },
    id: { type: 'string' },
    name: { type: ['string', 'null'] },
    status: { type: 'string' },
    registeredAt: { type: 'string' },
    record: { type: 'object', additionalProperties: true },
  },
} as const;

export const participantPage = {
  type: 'object',
  required: ['participants'],
  properties: { participants: { type: 'array', items: participantView } },
} as const;

export const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    after: { type: 'string', maxLength: 64, default: '' },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
  },
} as const;

/** The registration bodies: the contract's own (src/contract/registration-schemas.ts). */
export const {
  store: storeBody,
  manufacturer: manufacturerBody,
  customer: customerBody,
} = registrationBodies(shortId, { $ref: 'TicketCustomerId#' } as const);

export const statusParams = {
  type: 'object',
  required: ['id'],
  properties: { id: shortId },
} as const;

export const statusBody = {
  type: 'object',
  additionalProperties: false,
  required: ['status'],
  properties: { status: { enum: ['active', 'suspended'] } },
} as const;

export const committed = {
  type: 'object',
  required: ['txId', 'blockNumber', 'record'],
  properties: {
    txId: { type: 'string' },
    blockNumber: { type: 'integer' },
    record: { type: 'object', additionalProperties: true },
  },
} as const;

/** The customer an erasure is of: the contract's customer id (`TicketCustomerId`). */
export const erasureParams = {
  type: 'object',
  required: ['customerId'],
  properties: { customerId: { $ref: 'TicketCustomerId#' } },
} as const;

/** Why: the contract's reason code and optional case reference (src/contract/requests.ts). */
export const erasureBody = {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: { reason: erasureReason, reference: erasureReference },
} as const;

/** A committed erasure: never the customer's id. */
export const erasureAnswer = {
  type: 'object',
  required: ['erasureId', 'txId', 'blockNumber', 'parts', 'logins'],
  properties: {
    erasureId: { type: 'string', description: "The erasure record's id" },
    txId: { type: 'string', description: "The erasure record's transaction" },
    blockNumber: { type: 'integer' },
    parts: { type: 'integer', description: 'Parts of earlier transactions erased' },
    logins: { type: 'integer', description: "The customer's logins deleted" },
  },
} as const;
