/**
 * Schemas of the points routes: what a customer sends to move their points,
 * and what they get back.
 */
import {
  MAX_GRANT_TTL_SECONDS,
  MAX_POINTS_PER_OPERATION,
  MIN_TRANSFER_POINTS,
} from '../../../contract';
import { idParam } from '../../http/schemas';

/** A number of points one operation may move. */
export const points = { type: 'integer', minimum: 1, maximum: MAX_POINTS_PER_OPERATION } as const;
/** A customer's own path. */
export const customerParams = {
  type: 'object',
  required: ['customerId'],
  properties: { customerId: idParam },
} as const;

export const transferBody = {
  type: 'object',
  additionalProperties: false,
  required: ['toCustomerId', 'points'],
  properties: {
    toCustomerId: idParam,
    points: { ...points, minimum: MIN_TRANSFER_POINTS },
    transferId: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' },
  },
} as const;

export const grantBody = {
  type: 'object',
  additionalProperties: false,
  required: ['storeId', 'points'],
  properties: {
    storeId: idParam,
    points,
    ttlSeconds: { type: 'integer', minimum: 10, maximum: MAX_GRANT_TTL_SECONDS },
  },
} as const;

export const transferReceipt = {
  type: 'object',
  required: [
    'transferId',
    'toCustomerId',
    'points',
    'at',
    'txId',
    'blockNumber',
    'replayed',
    'balance',
  ],
  properties: {
    transferId: { type: 'string' },
    toCustomerId: { type: 'string' },
    points: { type: 'integer' },
    at: { type: 'string', format: 'date-time' },
    txId: { type: 'string' },
    blockNumber: { type: 'integer' },
    replayed: { type: 'boolean', description: 'True when this transfer had been made before' },
    balance: { type: 'integer', description: 'Your balance after it' },
  },
} as const;

export const grantView = {
  type: 'object',
  required: ['grantId', 'storeId', 'points', 'createdAt', 'expiresAt', 'status'],
  properties: {
    grantId: { type: 'string', description: 'SHA-256 of the code, hex: how the ledger knows it' },
    storeId: { type: 'string' },
    points: { type: 'integer' },
    createdAt: { type: 'string', format: 'date-time' },
    expiresAt: { type: 'string', format: 'date-time' },
    status: { type: 'string', enum: ['active', 'used', 'cancelled', 'expired'] },
    usedAt: { type: ['string', 'null'] },
    pointsRedeemed: { type: ['integer', 'null'] },
    ticketId: { type: ['string', 'null'] },
    cancelledAt: { type: ['string', 'null'] },
  },
} as const;

/** A grant just created: its view, and the code, shown this once. */
export const grantCreated = {
  type: 'object',
  required: ['code', 'qrPayload', 'txId', 'blockNumber', ...grantView.required],
  properties: {
    ...grantView.properties,
    code: { type: 'string', description: 'Single-use secret: show it, never share it' },
    qrPayload: { type: 'string', description: 'What to encode in the QR code' },
    txId: { type: 'string' },
    blockNumber: { type: 'integer' },
  },
} as const;

/** A movement of a customer's points, as the read model keeps it (and the points stream sends it). */
export const movementView = {
  type: 'object',
  required: ['seq', 'kind', 'delta', 'at', 'txId', 'blockNumber', 'storeId', 'ticketId'],
  properties: {
    seq: { type: 'integer', description: 'Position in the read model: the points stream event id' },
    kind: {
      type: 'string',
      description: 'award | transfer-in | transfer-out | redemption | reversal',
    },
    delta: { type: 'integer', description: 'Signed change of the balance' },
    at: { type: 'string', format: 'date-time' },
    txId: { type: 'string', description: 'Transaction that made the change' },
    blockNumber: { type: 'integer' },
    storeId: { type: ['string', 'null'] },
    ticketId: { type: ['string', 'null'] },
    transferId: { type: ['string', 'null'] },
    counterpartyId: { type: ['string', 'null'], description: 'The other customer of a transfer' },
    grantId: { type: ['string', 'null'], description: 'The grant a redemption used' },
    originalTicketId: { type: ['string', 'null'], description: 'The sale a reversal is for' },
  },
} as const;

/** A movement in a customer's list: with where to fetch its proof. */
export const movementLink = {
  ...movementView,
  required: [...movementView.required, 'proof'],
  properties: {
    ...movementView.properties,
    proof: { type: 'string', description: 'Where to fetch the inclusion proof of the transaction' },
  },
} as const;
