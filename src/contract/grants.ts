/**
 * Redemption grants: a customer's consent, given in their app, for one store
 * to burn at most so many of their points, once, before a deadline. The
 * customer's app holds the code; the ledger keys the grant by the code's
 * SHA-256, so reading the ledger never yields a code that could be used.
 */
import type { Context } from 'fabric-contract-api';
import { createHash } from 'node:crypto';
import { ContractError, type ErrorDetail } from './errors';
import { keys, KeyType } from './keys';
import type { CustomerRecord, RedemptionGrantRecord } from './records';
import { getRecord, parseRecord, putRecord } from './state';

/**
 * Most grants a customer may hold open (neither used, cancelled nor
 * expired): each is a key, and whoever acts for a customer must not be able
 * to pile them up without end.
 */
export const MAX_OPEN_GRANTS = 10;

/** The grant id of a code: SHA-256 of its ASCII text, hex. */
export function grantIdOf(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex');
}

function refused(
  code: 'NOT_FOUND' | 'CONFLICT' | 'FAILED_PRECONDITION',
  path: string,
  rule: string,
  message: string,
): ContractError {
  const detail: ErrorDetail = { path, rule, message };
  return new ContractError(code, message, [detail]);
}

/** The grant behind `code`, in whatever state; `undefined` when no grant has it. */
export function findGrant(ctx: Context, code: string): Promise<RedemptionGrantRecord | undefined> {
  return getRecord<RedemptionGrantRecord>(ctx.stub, keys.grant(ctx.stub, grantIdOf(code)));
}

/**
 * `grant` (as found by {@link findGrant}), if a till at `storeId` may use
 * it now for `points`. Each refusal names its rule, so that a till can say why:
 * `grant-unknown`, `grant-used`, `grant-cancelled`, `grant-expired`,
 * `grant-store`, `grant-points`, `customer-suspended`.
 * @throws {ContractError} at `path`.
 */
export async function requireUsableGrant(
  ctx: Context,
  grant: RedemptionGrantRecord | undefined,
  use: { storeId: string; points: number; at: string },
  path: string,
): Promise<RedemptionGrantRecord> {
  if (grant === undefined) {
    throw refused('NOT_FOUND', path, 'grant-unknown', 'no redemption grant has this code');
  }
  if (grant.status === 'used') {
    throw refused('CONFLICT', path, 'grant-used', 'this grant has already been used');
  }
  if (grant.status === 'cancelled') {
    throw refused(
      'FAILED_PRECONDITION',
      path,
      'grant-cancelled',
      'the customer cancelled this grant',
    );
  }
  if (use.at >= grant.expiresAt) {
    throw refused(
      'FAILED_PRECONDITION',
      path,
      'grant-expired',
      `the grant expired at ${grant.expiresAt}`,
    );
  }
  if (grant.storeId !== use.storeId) {
    throw refused('FAILED_PRECONDITION', path, 'grant-store', 'the grant is for another store');
  }
  if (use.points > grant.points) {
    throw refused(
      'FAILED_PRECONDITION',
      path,
      'grant-points',
      `the grant allows at most ${grant.points} points, ${use.points} asked`,
    );
  }
  const customer = await getRecord<CustomerRecord>(
    ctx.stub,
    keys.customer(ctx.stub, grant.customerId),
  );
  if (customer?.status !== 'active') {
    throw refused(
      'FAILED_PRECONDITION',
      path,
      'customer-suspended',
      "the customer's account is suspended",
    );
  }
  return grant;
}

/** Marks a grant used by this transaction; returns the record as written. */
export async function markGrantUsed(
  ctx: Context,
  grant: RedemptionGrantRecord,
  use: { at: string; points: number; ticketId?: string; redemptionId?: string },
): Promise<RedemptionGrantRecord> {
  const used: RedemptionGrantRecord = {
    ...grant,
    status: 'used',
    usedAt: use.at,
    usedTxId: ctx.stub.getTxID(),
    pointsRedeemed: use.points,
    ...(use.ticketId === undefined ? {} : { ticketId: use.ticketId }),
    ...(use.redemptionId === undefined ? {} : { redemptionId: use.redemptionId }),
  };
  await putRecord(ctx.stub, keys.grant(ctx.stub, grant.grantId), used);
  await closeGrantSlot(ctx, grant);
  return used;
}

/**
 * Counts a new grant against the customer's open grants: refused when
 * {@link MAX_OPEN_GRANTS} are open at `at`. Expired entries are dropped on
 * the way, so the index never holds more than that many.
 * @throws {ContractError} FAILED_PRECONDITION `grant-limit`.
 */
export async function openGrantSlot(
  ctx: Context,
  grant: Pick<RedemptionGrantRecord, 'customerId' | 'grantId' | 'expiresAt'>,
  at: string,
): Promise<void> {
  let open = 0;
  for await (const kv of ctx.stub.getStateByPartialCompositeKey(KeyType.openGrant, [
    grant.customerId,
  ])) {
    const entry = parseRecord<{ expiresAt: string }>(kv.value);
    if (entry.expiresAt <= at) await ctx.stub.deleteState(kv.key);
    else open += 1;
  }
  if (open >= MAX_OPEN_GRANTS) {
    throw refused(
      'FAILED_PRECONDITION',
      '/customerId',
      'grant-limit',
      `at most ${MAX_OPEN_GRANTS} grants may be open at once: use or cancel one first`,
    );
  }
  await putRecord(ctx.stub, keys.openGrant(ctx.stub, grant.customerId, grant.grantId), {
    expiresAt: grant.expiresAt,
  });
}

/** A grant no longer open (used or cancelled) frees its slot. */
export async function closeGrantSlot(
  ctx: Context,
  grant: Pick<RedemptionGrantRecord, 'customerId' | 'grantId'>,
): Promise<void> {
  await ctx.stub.deleteState(keys.openGrant(ctx.stub, grant.customerId, grant.grantId));
}
