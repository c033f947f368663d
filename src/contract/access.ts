import type { Context } from 'fabric-contract-api';
import { ContractError } from './errors';
import type { StoreRecord } from './records';

/** Certificate attribute naming the caller's role in Eter. */
export const ROLE_ATTRIBUTE = 'eter.role';
/** Certificate attribute binding a store or manufacturer identity to its participant id. */
export const PARTICIPANT_ATTRIBUTE = 'eter.id';

/** Roles an identity can carry in its `eter.role` attribute. */
export type Role = 'operator' | 'collector' | 'query' | 'store' | 'manufacturer' | 'auditor';

const ROLES: ReadonlySet<string> = new Set<Role>([
  'operator',
  'collector',
  'query',
  'store',
  'manufacturer',
  'auditor',
]);

/**
 * Who may call each transaction, by role. This table is the whole policy at
 * the role level; functions add the scoping rules noted beside them
 * (docs/contract.md shows the same table, and a test keeps the two equal).
 */
export const ACCESS = {
  /** Operator of the MSP named in the request, once. */
  Bootstrap: ['operator'],
  /** Operator of the bootstrapped operator MSP. */
  RegisterStore: ['operator'],
  RegisterManufacturer: ['operator'],
  RegisterCustomer: ['operator', 'query'],
  SetParticipantStatus: ['operator'],
  SetStorePointsRate: ['operator'],
  /** Operator: the erasure record of a customer's parts (the node plans it; docs/ledger.md). */
  EraseCustomer: ['operator'],
  /** A collector of the store's MSP, or the store itself (`eter.id` = storeId). */
  RecordTicket: ['collector', 'store'],
  /** Store: own tickets only; collector: stores of its MSP. */
  GetTicket: ['operator', 'auditor', 'query', 'collector', 'store'],
  ListStoreTickets: ['operator', 'auditor', 'query', 'collector', 'store'],
  /** For a store of the sale's retailer (a collector of that store's MSP, or the store itself). */
  GetReturnable: ['collector', 'store'],
  GetBalance: ['operator', 'auditor', 'query'],
  ListMovements: ['operator', 'auditor', 'query'],
  /** On a customer's behalf: the query server has authenticated the customer. */
  TransferPoints: ['query'],
  CreateRedemptionGrant: ['query'],
  CancelRedemptionGrant: ['query'],
  ConsolidateLots: ['query'],
  /** A collector of the store's MSP, or the store itself, as for RecordTicket. */
  RedeemPoints: ['collector', 'store'],
  /** Every customer's balance, for the points audit. */
  ListBalances: ['operator', 'auditor'],
  /** Manufacturer: own record only; store: own record only. */
  GetParticipant: ['operator', 'auditor', 'query', 'collector', 'store', 'manufacturer'],
  GetConfig: ['operator', 'auditor', 'query', 'collector', 'store', 'manufacturer'],
} as const satisfies Record<string, readonly Role[]>;

/** A transaction named in {@link ACCESS}. */
export type GuardedTransaction = keyof typeof ACCESS;

/** The caller of a transaction, as the contract sees it. */
export interface Caller {
  readonly mspId: string;
  readonly role: Role;
  /** `eter.id`, for store and manufacturer identities. */
  readonly participantId: string | null;
}

/**
 * Checks that the caller's role may call `transaction` and returns who it is.
 * @throws {ContractError} FORBIDDEN
 */
export function authorize(ctx: Context, transaction: GuardedTransaction): Caller {
  const role = ctx.clientIdentity.getAttributeValue(ROLE_ATTRIBUTE);
  const mspId = ctx.clientIdentity.getMSPID();
  if (role === null || !ROLES.has(role)) {
    throw new ContractError(
      'FORBIDDEN',
      `${transaction}: caller has no Eter role (${ROLE_ATTRIBUTE})`,
    );
  }
  const allowed: readonly Role[] = ACCESS[transaction];
  if (!allowed.includes(role as Role)) {
    throw new ContractError('FORBIDDEN', `${transaction}: role ${role} may not call it`);
  }
  return {
    mspId,
    role: role as Role,
    participantId: ctx.clientIdentity.getAttributeValue(PARTICIPANT_ATTRIBUTE),
  };
}

/**
 * Collectors act for the stores of their own organisation; a store identity
 * for itself only.
 * @throws {ContractError} FORBIDDEN
 */
export function assertActsForStore(caller: Caller, store: StoreRecord, action: string): void {
  const ownStore = caller.role !== 'store' || caller.participantId === store.storeId;
  if (caller.mspId !== store.mspId || !ownStore) {
    throw new ContractError('FORBIDDEN', `caller may not ${action} of store ${store.storeId}`);
  }
}
