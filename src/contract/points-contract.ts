import { Context, Contract, Info, Transaction } from 'fabric-contract-api';
import { assertActsForStore, authorize } from './access';
import { ContractError } from './errors';
import type { PointsChangedEvent } from './events';
import {
  closeGrantSlot,
  findGrant,
  markGrantUsed,
  openGrantSlot,
  requireUsableGrant,
} from './grants';
import { keys, KeyType } from './keys';
import { consolidateLots, type ConsolidationResult } from './consolidation';
import { balanceOf, pagedLots, PointsBook } from './points';
import type {
  CustomerRecord,
  PointsMovement,
  RedemptionGrantRecord,
  StoreRecord,
  TransferRecord,
} from './records';
import {
  parseRequest,
  requests,
  type CreateRedemptionGrantRequest,
  type TransferPointsRequest,
} from './requests';
import { now, requireRecord } from './transaction-context';
import { getRecord, parseRecord, putRecord } from './state';

/** A customer's points balance. */
export interface Balance {
  readonly customerId: string;
  readonly balance: number;
  /** Number of unspent lots the balance is made of. */
  readonly lots: number;
}

/** A page of points movements, oldest first. */
export interface MovementPage {
  readonly movements: PointsMovement[];
  readonly cursor?: string;
}

/** A page of balances, by customer id. */
export interface BalancePage {
  readonly balances: Balance[];
  readonly cursor?: string;
}

/** What `TransferPoints` returns, the first time and on every identical repeat. */
export interface TransferResult {
  readonly transfer: TransferRecord;
  readonly replayed: boolean;
}

/** What `RedeemPoints` returns, the first time and on every identical repeat. */
export interface RedemptionResult {
  readonly grant: RedemptionGrantRecord;
  readonly pointsRedeemed: number;
  readonly replayed: boolean;
}

const DEFAULT_PAGE = 100;

/**
 * Loyalty points: balances and history, transfers between customers, and
 * redemption grants (a customer's consent for a store to burn their points).
 * Awards, redemptions on a ticket and return reversals happen in
 * `tickets:RecordTicket`, in the same transaction as their ticket.
 */
@Info({ title: 'points', description: 'Loyalty points: balances, transfers and redemptions' })
export class PointsContract extends Contract {
  constructor() {
    super('points');
  }

  @Transaction(false)
  async GetBalance(ctx: Context, requestJson: string): Promise<Balance> {
    authorize(ctx, 'GetBalance');
    const { customerId } = parseRequest(requestJson, requests.CustomerRef);
    const { balance, lots } = await balanceOf(ctx.stub, customerId);
    return { customerId, balance, lots };
  }

  @Transaction(false)
  async ListMovements(ctx: Context, requestJson: string): Promise<MovementPage> {
    authorize(ctx, 'ListMovements');
    const request = parseRequest(requestJson, requests.ListMovements);
    const limit = request.limit ?? DEFAULT_PAGE;
    const movements: PointsMovement[] = [];
    for await (const kv of ctx.stub.getStateByPartialCompositeKey(KeyType.movement, [
      request.customerId,
    ])) {
      const movement = parseRecord<PointsMovement>(kv.value);
      const position = positionOf(movement);
      if (request.cursor !== undefined && position <= request.cursor) continue;
      if (movements.length === limit) return { movements, cursor: lastPosition(movements) };
      movements.push(movement);
    }
    return { movements };
  }

  /**
   * Every customer's balance from their lots, in pages by customer id: what
   * the points audit compares the movements with.
   */
  @Transaction(false)
  async ListBalances(ctx: Context, requestJson: string): Promise<BalancePage> {
    authorize(ctx, 'ListBalances');
    const request = parseRequest(requestJson, requests.ListBalances);
    const limit = request.limit ?? DEFAULT_PAGE;
    const balances: Balance[] = [];
    let current: { customerId: string; balance: number; lots: number } | undefined;
    // Paged from the cursor's key on: a page never rereads the customers before it.
    for await (const lot of pagedLots(ctx.stub, [], request.cursor)) {
      if (current?.customerId !== lot.customerId) {
        if (current !== undefined) balances.push(current);
        if (balances.length === limit) return { balances, cursor: current?.customerId };
        current = { customerId: lot.customerId, balance: 0, lots: 0 };
      }
      current.balance += lot.amount;
      current.lots += 1;
    }
    if (current !== undefined) balances.push(current);
    return { balances };
  }

  /**
   * Merges up to `MAX_LOTS_PER_SPEND` of a customer's lots into one, so that
   * a balance spread over many small lots (sent by others, or earned on many
   * tickets) can be spent again: a spend reads at most that many. The
   * balance does not change; repeat while `more` is true.
   */
  @Transaction()
  async ConsolidateLots(ctx: Context, requestJson: string): Promise<ConsolidationResult> {
    authorize(ctx, 'ConsolidateLots');
    const { customerId } = parseRequest(requestJson, requests.CustomerRef);
    await requireRecord<CustomerRecord>(
      ctx,
      keys.customer(ctx.stub, customerId),
      `customer ${customerId}`,
    );
    return consolidateLots(ctx, customerId);
  }

  /**
   * Gives points to another registered customer: consumes the sender's
   * oldest lots (the last one partly, as change) and creates a lot for the
   * receiver. Idempotent by `transferId`: the same transfer again returns
   * the original; other content under the same id is a CONFLICT.
   */
  @Transaction()
  async TransferPoints(ctx: Context, requestJson: string): Promise<TransferResult> {
    authorize(ctx, 'TransferPoints');
    const request = parseRequest(requestJson, requests.TransferPoints);
    const key = keys.transfer(ctx.stub, request.transferId);
    const existing = await getRecord<TransferRecord>(ctx.stub, key);
    if (existing !== undefined)
      return { transfer: sameTransfer(existing, request), replayed: true };
    if (request.fromCustomerId === request.toCustomerId) {
      throw new ContractError('INVALID_ARGUMENT', 'a transfer needs two customers', [
        { path: '/toCustomerId', rule: 'transfer-self', message: 'cannot transfer to oneself' },
      ]);
    }
    await requireActiveCustomer(ctx, request.fromCustomerId, '/fromCustomerId');
    await requireActiveCustomer(ctx, request.toCustomerId, '/toCustomerId');

    const at = now(ctx);
    const txId = ctx.stub.getTxID();
    const book = new PointsBook(ctx.stub, at);
    const { transferId, fromCustomerId, toCustomerId, points } = request;
    await book.debit(
      fromCustomerId,
      points,
      'transfer-out',
      { transferId, counterpartyId: toCustomerId },
      '/points',
    );
    await book.credit(
      toCustomerId,
      points,
      'transfer-in',
      { kind: 'transfer', transferId, fromCustomerId },
      { transferId, counterpartyId: fromCustomerId },
    );
    const transfer: TransferRecord = { transferId, fromCustomerId, toCustomerId, points, txId, at };
    await putRecord(ctx.stub, key, transfer);
    emit(ctx, { txId, at, cause: 'transfer', movements: book.movements, transfer });
    return { transfer, replayed: false };
  }

  /**
   * Records a customer's consent for one store to burn at most `points`,
   * once, within `ttlSeconds`. The balance is checked when the grant is
   * used, not now: a grant reserves nothing. Idempotent by `grantId`.
   */
  @Transaction()
  async CreateRedemptionGrant(ctx: Context, requestJson: string): Promise<RedemptionGrantRecord> {
    authorize(ctx, 'CreateRedemptionGrant');
    const request = parseRequest(requestJson, requests.CreateRedemptionGrant);
    const key = keys.grant(ctx.stub, request.grantId);
    const existing = await getRecord<RedemptionGrantRecord>(ctx.stub, key);
    if (existing !== undefined) return sameGrant(existing, request);
    await requireActiveCustomer(ctx, request.customerId, '/customerId');
    const store = await getRecord<StoreRecord>(ctx.stub, keys.store(ctx.stub, request.storeId));
    if (store?.status !== 'active') {
      throw new ContractError('NOT_FOUND', `store ${request.storeId} is not an active store`, [
        { path: '/storeId', rule: 'store-registered', message: 'no such active store' },
      ]);
    }
    const at = now(ctx);
    const grant: RedemptionGrantRecord = {
      grantId: request.grantId,
      customerId: request.customerId,
      storeId: request.storeId,
      points: request.points,
      createdAt: at,
      expiresAt: new Date(Date.parse(at) + request.ttlSeconds * 1000).toISOString(),
      status: 'active',
    };
    await openGrantSlot(ctx, grant, at);
    await putRecord(ctx.stub, key, grant);
    emit(ctx, { txId: ctx.stub.getTxID(), at, cause: 'grant-created', movements: [], grant });
    return grant;
  }

  /** Withdraws an unused grant. Cancelling a cancelled grant returns it unchanged. */
  @Transaction()
  async CancelRedemptionGrant(ctx: Context, requestJson: string): Promise<RedemptionGrantRecord> {
    authorize(ctx, 'CancelRedemptionGrant');
    const request = parseRequest(requestJson, requests.CancelRedemptionGrant);
    const key = keys.grant(ctx.stub, request.grantId);
    const grant = await getRecord<RedemptionGrantRecord>(ctx.stub, key);
    if (grant?.customerId !== request.customerId) {
      throw new ContractError('NOT_FOUND', 'no such grant', [
        {
          path: '/grantId',
          rule: 'grant-unknown',
          message: 'no grant of this customer has this id',
        },
      ]);
    }
    if (grant.status === 'cancelled') return grant;
    if (grant.status === 'used') {
      throw new ContractError('CONFLICT', 'the grant has been used', [
        { path: '/grantId', rule: 'grant-used', message: 'a used grant cannot be cancelled' },
      ]);
    }
    const at = now(ctx);
    const cancelled: RedemptionGrantRecord = { ...grant, status: 'cancelled', cancelledAt: at };
    await putRecord(ctx.stub, key, cancelled);
    await closeGrantSlot(ctx, grant);
    emit(ctx, {
      txId: ctx.stub.getTxID(),
      at,
      cause: 'grant-cancelled',
      movements: [],
      grant: cancelled,
    });
    return cancelled;
  }

  /**
   * A till redeems a grant without a ticket: burns `points` (default: all
   * the grant allows) of the grant's customer. Idempotent by the till's
   * `redemptionId`: a retry of a redemption that committed returns it.
   */
  @Transaction()
  async RedeemPoints(ctx: Context, requestJson: string): Promise<RedemptionResult> {
    const caller = authorize(ctx, 'RedeemPoints');
    const request = parseRequest(requestJson, requests.RedeemPoints);
    const store = await requireRecord<StoreRecord>(
      ctx,
      keys.store(ctx.stub, request.storeId),
      `store ${request.storeId}`,
    );
    assertActsForStore(caller, store, 'redeem points');
    const at = now(ctx);
    const found = await findGrant(ctx, request.code);
    // A retry of a redemption that committed: the grant is used, by this very redemption.
    if (
      found?.status === 'used' &&
      found.storeId === request.storeId &&
      found.redemptionId === request.redemptionId
    ) {
      return { grant: found, pointsRedeemed: found.pointsRedeemed ?? 0, replayed: true };
    }
    const grant = await requireUsableGrant(
      ctx,
      found,
      { storeId: request.storeId, points: request.points ?? 0, at },
      '/code',
    );
    const points = request.points ?? grant.points;
    const book = new PointsBook(ctx.stub, at);
    await book.debit(
      grant.customerId,
      points,
      'redemption',
      { storeId: request.storeId, grantId: grant.grantId },
      '/points',
    );
    const used = await markGrantUsed(ctx, grant, {
      at,
      points,
      redemptionId: request.redemptionId,
    });
    emit(ctx, {
      txId: ctx.stub.getTxID(),
      at,
      cause: 'redemption',
      movements: book.movements,
      grant: used,
    });
    return { grant: used, pointsRedeemed: points, replayed: false };
  }
}

function emit(ctx: Context, event: PointsChangedEvent): void {
  ctx.stub.setEvent('PointsChanged', Buffer.from(JSON.stringify(event)));
}

/** @throws {ContractError} NOT_FOUND or FAILED_PRECONDITION at `path`. */
async function requireActiveCustomer(ctx: Context, customerId: string, path: string) {
  const customer = await getRecord<CustomerRecord>(ctx.stub, keys.customer(ctx.stub, customerId));
  if (customer === undefined) {
    throw new ContractError('NOT_FOUND', `customer ${customerId} is not registered`, [
      { path, rule: 'customer-registered', message: 'no such customer' },
    ]);
  }
  if (customer.status !== 'active') {
    throw new ContractError('FAILED_PRECONDITION', `customer ${customerId} is suspended`, [
      { path, rule: 'customer-suspended', message: 'the customer is suspended' },
    ]);
  }
}

function sameTransfer(existing: TransferRecord, request: TransferPointsRequest): TransferRecord {
  if (
    existing.fromCustomerId !== request.fromCustomerId ||
    existing.toCustomerId !== request.toCustomerId ||
    existing.points !== request.points
  ) {
    throw new ContractError(
      'CONFLICT',
      `transfer ${request.transferId} exists with other content`,
      [
        {
          path: '/transferId',
          rule: 'transfer-conflict',
          message: 'id already used for another transfer',
        },
      ],
    );
  }
  return existing;
}

function sameGrant(
  existing: RedemptionGrantRecord,
  request: CreateRedemptionGrantRequest,
): RedemptionGrantRecord {
  if (
    existing.customerId !== request.customerId ||
    existing.storeId !== request.storeId ||
    existing.points !== request.points
  ) {
    throw new ContractError('CONFLICT', 'a grant with this id exists with other content', [
      { path: '/grantId', rule: 'grant-conflict', message: 'id already used for another grant' },
    ]);
  }
  return existing;
}

function positionOf(movement: PointsMovement): string {
  return `${movement.at}|${movement.txId}|${movement.kind}`;
}

function lastPosition(movements: readonly PointsMovement[]): string | undefined {
  const last = movements[movements.length - 1];
  return last && positionOf(last);
}
