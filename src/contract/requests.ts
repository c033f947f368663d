import type { ErrorObject } from 'ajv/dist/2020';
import { fieldErrors, schemaEngine, ticketSchema } from '../format';
import { ContractError, type ErrorDetail } from './errors';
import {
  mspIdSchema as mspId,
  rateBpSchema as rateBp,
  registrationBodies,
} from './registration-schemas';

/**
 * Every transaction takes one JSON document, validated here against a
 * schema, rather than positional strings: a request that is not exactly
 * right is refused with each bad field named, before anything is read.
 */

const TICKET = `${ticketSchema.$id}#/$defs`;
const id = { $ref: `${TICKET}/shortId` };
const customerId = { $ref: `${TICKET}/customerId` };
const ticketId = { $ref: `${TICKET}/ticketId` };
const dateTime = { type: 'string', format: 'date-time', maxLength: 35 };
const limit = { type: 'integer', minimum: 1, maximum: 1000 };
const cursor = { type: 'string', minLength: 1, maxLength: 512 };
const kind = { enum: ['store', 'manufacturer', 'customer'] };

function object(properties: Record<string, unknown>, required: string[]) {
  return { type: 'object', additionalProperties: false, properties, required } as const;
}

export interface BootstrapRequest {
  operatorMspId: string;
}
export interface RegisterStoreRequest {
  storeId: string;
  name: string;
  mspId: string;
  /** The retailer (chain) the store belongs to; default: a retailer of its own, the storeId. */
  retailerId?: string;
  pointsRateBp?: number;
}
export interface RegisterManufacturerRequest {
  manufacturerId: string;
  name: string;
  prefixes: string[];
}
export interface RegisterCustomerRequest {
  customerId: string;
}
export type ParticipantKind = 'store' | 'manufacturer' | 'customer';
export interface ParticipantRef {
  kind: ParticipantKind;
  id: string;
}
export interface SetParticipantStatusRequest extends ParticipantRef {
  status: 'active' | 'suspended';
}
export interface SetStorePointsRateRequest {
  storeId: string;
  pointsRateBp: number;
}
export interface TicketRef {
  storeId: string;
  ticketId: string;
}
export interface ReturnableRequest {
  /** The store where the goods would come back: the caller must act for it. */
  storeId: string;
  /** The sale's store and ticket id. */
  originalStoreId: string;
  originalTicketId: string;
}
export interface ListStoreTicketsRequest {
  storeId: string;
  /** Inclusive lower bound on `issuedAt`. */
  from?: string;
  /** Exclusive upper bound on `issuedAt`. */
  to?: string;
  /** Inclusive lower bound on the ticket id (ignored when a time bound is given). */
  fromTicketId?: string;
  /** Exclusive upper bound on the ticket id. */
  toTicketId?: string;
  limit?: number;
  cursor?: string;
}
export interface CustomerRef {
  customerId: string;
}
export interface ListMovementsRequest {
  customerId: string;
  limit?: number;
  cursor?: string;
}
export interface TransferPointsRequest {
  /** Chosen by the caller; a retry with the same id and content returns the original result. */
  transferId: string;
  fromCustomerId: string;
  toCustomerId: string;
  points: number;
}
export interface CreateRedemptionGrantRequest {
  /** SHA-256 (hex) of the grant's code, which only the customer's app holds. */
  grantId: string;
  customerId: string;
  storeId: string;
  points: number;
  /** Lifetime from the transaction's time. */
  ttlSeconds: number;
}
export interface CancelRedemptionGrantRequest {
  customerId: string;
  grantId: string;
}
export interface RedeemPointsRequest {
  storeId: string;
  /** The code the customer shows. */
  code: string;
  /** The till's id for this redemption; a retry with the same id returns the original result. */
  redemptionId: string;
  /** At most the grant's points; default: all of them. */
  points?: number;
}
export interface ListBalancesRequest {
  limit?: number;
  /** The last customer id of the previous page. */
  cursor?: string;
}

/** Longest life of a redemption grant: a day. */
export const MAX_GRANT_TTL_SECONDS = 86_400;
/** Most points one transfer, grant or redemption may move. */
export const MAX_POINTS_PER_OPERATION = 1_000_000_000;
/**
 * Fewest points one transfer may give: every transfer makes a lot in the
 * receiver's wallet, so filling a wallet with lots costs the sender this
 * much a lot (docs/points.md).
 */
export const MIN_TRANSFER_POINTS = 10;

const points = { type: 'integer', minimum: 1, maximum: MAX_POINTS_PER_OPERATION };
const sha256Hex = { type: 'string', pattern: '^[0-9a-f]{64}$' };
const grantCode = { type: 'string', pattern: '^[A-Z2-7]{16,64}$' };

const ajv = schemaEngine();
const registration = registrationBodies(id, customerId);

/** One erased part of an erasure record (docs/ledger.md#the-erasure-record). */
export interface ErasedPartRef {
  seq: number;
  part: string;
  commitment: string;
  replacement?: Record<string, unknown>;
}
export interface EraseCustomerRequest {
  erasureId: string;
  reason: string;
  reference?: string;
  parts: ErasedPartRef[];
}
const encoded = {
  type: 'object',
  minProperties: 1,
  maxProperties: 3,
  properties: {
    text: { type: 'string' },
    base64: { type: 'string' },
    key: { type: 'string' },
    value: { type: 'object' },
    delete: { const: true },
  },
  additionalProperties: false,
};

/** Compiled validators, one a request type. */
/** Why a customer was erased, as a code (the API's erasure body takes the very same). */
export const erasureReason = {
  type: 'string',
  pattern: '^[a-z0-9-]{1,40}$',
  description: 'Why, as a code: lowercase letters, digits and dashes (gdpr-art17)',
} as const;

/** The operator's own case reference of an erasure; it must not name the customer. */
export const erasureReference = { type: 'string', maxLength: 200 } as const;

export const requests = {
  Bootstrap: ajv.compile<BootstrapRequest>(object({ operatorMspId: mspId }, ['operatorMspId'])),
  RegisterStore: ajv.compile<RegisterStoreRequest>(registration.store),
  RegisterManufacturer: ajv.compile<RegisterManufacturerRequest>(registration.manufacturer),
  RegisterCustomer: ajv.compile<RegisterCustomerRequest>(registration.customer),
  SetParticipantStatus: ajv.compile<SetParticipantStatusRequest>(
    object({ kind, id, status: { enum: ['active', 'suspended'] } }, ['kind', 'id', 'status']),
  ),
  SetStorePointsRate: ajv.compile<SetStorePointsRateRequest>(
    object({ storeId: id, pointsRateBp: rateBp }, ['storeId', 'pointsRateBp']),
  ),
  TicketRef: ajv.compile<TicketRef>(object({ storeId: id, ticketId }, ['storeId', 'ticketId'])),
  Returnable: ajv.compile<ReturnableRequest>(
    object({ storeId: id, originalStoreId: id, originalTicketId: ticketId }, [
      'storeId',
      'originalStoreId',
      'originalTicketId',
    ]),
  ),
  ListStoreTickets: ajv.compile<ListStoreTicketsRequest>(
    object(
      {
        storeId: id,
        from: dateTime,
        to: dateTime,
        fromTicketId: ticketId,
        toTicketId: ticketId,
        limit,
        cursor,
      },
      ['storeId'],
    ),
  ),
  CustomerRef: ajv.compile<CustomerRef>(object({ customerId }, ['customerId'])),
  EraseCustomer: ajv.compile<EraseCustomerRequest>(
    object(
      {
        erasureId: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' },
        reason: erasureReason,
        reference: erasureReference,
        parts: {
          type: 'array',
          minItems: 1,
          maxItems: 100000,
          items: object(
            {
              seq: { type: 'integer', minimum: 0 },
              part: {
                type: 'string',
                pattern: '^(args|result|event|(reads|ranges|writes)/[0-9]{1,9})$',
              },
              commitment: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' },
              replacement: encoded,
            },
            ['seq', 'part', 'commitment'],
          ),
        },
      },
      ['erasureId', 'reason', 'parts'],
    ),
  ),
  ListMovements: ajv.compile<ListMovementsRequest>(
    object({ customerId, limit, cursor }, ['customerId']),
  ),
  ParticipantRef: ajv.compile<ParticipantRef>(object({ kind, id }, ['kind', 'id'])),
  TransferPoints: ajv.compile<TransferPointsRequest>(
    object(
      {
        transferId: ticketId,
        fromCustomerId: customerId,
        toCustomerId: customerId,
        points: { ...points, minimum: MIN_TRANSFER_POINTS },
      },
      ['transferId', 'fromCustomerId', 'toCustomerId', 'points'],
    ),
  ),
  CreateRedemptionGrant: ajv.compile<CreateRedemptionGrantRequest>(
    object(
      {
        grantId: sha256Hex,
        customerId,
        storeId: id,
        points,
        ttlSeconds: { type: 'integer', minimum: 1, maximum: MAX_GRANT_TTL_SECONDS },
      },
      ['grantId', 'customerId', 'storeId', 'points', 'ttlSeconds'],
    ),
  ),
  CancelRedemptionGrant: ajv.compile<CancelRedemptionGrantRequest>(
    object({ customerId, grantId: sha256Hex }, ['customerId', 'grantId']),
  ),
  RedeemPoints: ajv.compile<RedeemPointsRequest>(
    object({ storeId: id, code: grantCode, redemptionId: ticketId, points }, [
      'storeId',
      'code',
      'redemptionId',
    ]),
  ),
  ListBalances: ajv.compile<ListBalancesRequest>(object({ limit, cursor }, [])),
};

type Validator<T> = ((data: unknown) => data is T) & { errors?: ErrorObject[] | null };

/**
 * Parses a JSON argument and validates it.
 * @throws {ContractError} INVALID_ARGUMENT naming every bad field.
 */
export function parseRequest<T>(json: string, validate: Validator<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new ContractError('INVALID_ARGUMENT', 'request is not valid JSON', [
      { path: '', rule: 'json', message: 'request is not valid JSON' },
    ]);
  }
  if (!validate(value)) {
    const details: ErrorDetail[] = fieldErrors(validate.errors);
    throw new ContractError('INVALID_ARGUMENT', 'request is invalid', details);
  }
  return value;
}
