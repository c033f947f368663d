import { Context, Contract, Info, Transaction } from 'fabric-contract-api';
import { contentHash, validateTicket, type Ticket } from '../format';
import { assertActsForStore, authorize, type Caller } from './access';
import { Attributor } from './attribution';
import { ContractError } from './errors';
import { keys, KeyType } from './keys';
import { now, requireRecord } from './transaction-context';
import { PointsBook } from './points';
import type { StoreRecord, TicketRecord } from './records';
import { matchReturn, settleReturn } from './returns';
import { returnableSale, type ReturnableSale } from './returnable';
import { award, redeemPayment } from './ticket-points';
import { parseRequest, requests, type ListStoreTicketsRequest } from './requests';
import { getRecord, getSharedRecord, parseRecord, putRecord } from './state';
import type { TicketRecordedEvent } from './events';

/** What `RecordTicket` returns, the first time and on every identical repeat. */
export interface RecordTicketResult {
  readonly storeId: string;
  readonly ticketId: string;
  readonly contentHash: string;
  /** Transaction that recorded the ticket (the original one on a repeat). */
  readonly txId: string;
  readonly recordedAt: string;
  readonly pointsAwarded: number;
  /** Points burned by a `pointsRedeemed` payment. */
  readonly pointsRedeemed: number;
  /** Points a return took back from its sale. */
  readonly pointsReversed: number;
  /** True when this call found the identical ticket already recorded. */
  readonly replayed: boolean;
}

/** A page of tickets. */
export interface TicketPage {
  readonly tickets: TicketRecord[];
  /** Pass back as `cursor` for the next page; absent on the last page. */
  readonly cursor?: string;
}

const DEFAULT_PAGE = 100;
const MAX_DAYS_PER_QUERY = 366;
const DAY_MS = 86_400_000;

/** Retail tickets: recording them exactly once, and reading them back. */
@Info({ title: 'tickets', description: 'Record and read retail tickets' })
export class TicketsContract extends Contract {
  /**
   * A ticket's lines are committed one by one where the ledger can (the embedded ledger's
   * version 3 records), so that a manufacturer can be proven a line of its product and nothing
   * else of the ticket. The ledger reads this; Fabric ignores it.
   */
  readonly disclosableElements = { RecordTicket: { arg: 0, property: 'lines' } } as const;

  constructor() {
    super('tickets');
  }

  /**
   * Records a ticket (format v1, JSON). Idempotent by (storeId, ticketId):
   * the same content again returns the original result; other content under
   * the same id is a CONFLICT. Burns the points of a `pointsRedeemed`
   * payment (its grant checked), awards points to a registered customer on
   * what was paid in money, and takes back a returned sale's points.
   */
  @Transaction()
  async RecordTicket(ctx: Context, ticketJson: string): Promise<RecordTicketResult> {
    const caller = authorize(ctx, 'RecordTicket');
    const ticket = parseTicket(ticketJson);
    const store = await getSharedRecord<StoreRecord>(
      ctx.stub,
      keys.store(ctx.stub, ticket.storeId),
    );
    if (store === undefined) {
      throw new ContractError('NOT_FOUND', `store ${ticket.storeId} is not registered`, [
        { path: '/storeId', rule: 'store-registered', message: 'no such store on the ledger' },
      ]);
    }
    assertActsForStore(caller, store, 'record tickets');
    if (store.status !== 'active') {
      throw new ContractError('FAILED_PRECONDITION', `store ${store.storeId} is suspended`);
    }

    const hash = contentHash(ticket);
    const key = keys.ticket(ctx.stub, ticket.storeId, ticket.ticketId);
    const existing = await getRecord<TicketRecord>(ctx.stub, key);
    if (existing !== undefined) {
      if (existing.contentHash !== hash) {
        throw new ContractError(
          'CONFLICT',
          `ticket ${ticket.ticketId} of store ${ticket.storeId} is already recorded with other content`,
          [
            {
              path: '/ticketId',
              rule: 'ticket-conflict',
              message: 'id already used for another ticket',
            },
          ],
        );
      }
      return resultOf(existing, true);
    }
    const matched = ticket.type === 'return' ? await matchReturn(ctx, ticket, store) : undefined;

    const attributor = new Attributor(ctx.stub);
    const attribution: Array<string | null> = [];
    for (const line of ticket.lines) attribution.push(await attributor.manufacturerOf(line.gtin));

    const recordedAt = now(ctx);
    const book = new PointsBook(ctx.stub, recordedAt);
    const redemption = await redeemPayment(ctx, book, ticket, recordedAt);
    const pointsAwarded = await award(ctx, book, ticket, store, redemption?.points ?? 0);
    const reversal =
      matched === undefined ? undefined : await settleReturn(ctx, book, matched, ticket);
    const pointsReversed = reversal?.reversed ?? 0;
    const record: TicketRecord = {
      ticket,
      contentHash: hash,
      txId: ctx.stub.getTxID(),
      recordedAt,
      attribution,
      pointsAwarded,
      ...(redemption === undefined ? {} : { pointsRedeemed: redemption.points }),
      ...(pointsReversed > 0 ? { pointsReversed } : {}),
    };
    await putRecord(ctx.stub, key, record);
    const issuedAtUtc = new Date(ticket.issuedAt).toISOString();
    await putRecord(
      ctx.stub,
      keys.ticketByTime(ctx.stub, ticket.storeId, issuedAtUtc, ticket.ticketId),
      { ticketId: ticket.ticketId },
    );
    const event: TicketRecordedEvent = {
      storeId: ticket.storeId,
      ticketId: ticket.ticketId,
      txId: record.txId,
      contentHash: hash,
      type: ticket.type,
      issuedAt: ticket.issuedAt,
      currency: ticket.currency,
      total: ticket.total,
      ...(ticket.customerId === undefined ? {} : { customerId: ticket.customerId }),
      ...(matched === undefined
        ? {}
        : {
            originalTicketId: matched.original.ticket.ticketId,
            originalStoreId: matched.original.ticket.storeId,
          }),
      pointsAwarded,
      ...(redemption === undefined ? {} : { pointsRedeemed: redemption.points }),
      ...(pointsReversed > 0 ? { pointsReversed } : {}),
      ...(reversal !== undefined && reversal.writtenOff > 0
        ? { pointsWrittenOff: reversal.writtenOff }
        : {}),
      movements: book.movements,
      ...(redemption === undefined ? {} : { grant: redemption.grant }),
      lines: ticket.lines.map((line, i) => ({
        lineNo: line.lineNo,
        gtin: line.gtin,
        description: line.description,
        quantity: line.quantity,
        amount: line.amount,
        manufacturerId: attribution[i] ?? null,
        ...(line.originalLineNo === undefined ? {} : { originalLineNo: line.originalLineNo }),
      })),
    };
    ctx.stub.setEvent('TicketRecorded', Buffer.from(JSON.stringify(event)));
    return resultOf(record, false);
  }

  /** One ticket. Stores read their own; collectors the stores of their organisation. */
  @Transaction(false)
  async GetTicket(ctx: Context, requestJson: string): Promise<TicketRecord> {
    const caller = authorize(ctx, 'GetTicket');
    const request = parseRequest(requestJson, requests.TicketRef);
    await assertMayRead(ctx, caller, request.storeId);
    return requireRecord<TicketRecord>(
      ctx,
      keys.ticket(ctx.stub, request.storeId, request.ticketId),
      `ticket ${request.ticketId} of store ${request.storeId}`,
    );
  }

  /**
   * A sale as a till needs it to build a return: per line, what was sold,
   * what returns took back, and what is left. For a store (or a collector
   * acting for it) of the sale's retailer; any other sale is NOT_FOUND,
   * exactly like one that does not exist.
   */
  @Transaction(false)
  async GetReturnable(ctx: Context, requestJson: string): Promise<ReturnableSale> {
    const caller = authorize(ctx, 'GetReturnable');
    const request = parseRequest(requestJson, requests.Returnable);
    return returnableSale(ctx, caller, request);
  }

  /**
   * A store's tickets, by issue time (`from` inclusive, `to` exclusive, both
   * needed, at most 366 days) or by ticket id (`fromTicketId`, `toTicketId`),
   * in pages of `limit` (default 100).
   */
  @Transaction(false)
  async ListStoreTickets(ctx: Context, requestJson: string): Promise<TicketPage> {
    const caller = authorize(ctx, 'ListStoreTickets');
    const request = parseRequest(requestJson, requests.ListStoreTickets);
    await assertMayRead(ctx, caller, request.storeId);
    const limit = request.limit ?? DEFAULT_PAGE;
    if (request.from !== undefined || request.to !== undefined) {
      return listByTime(ctx, request, limit);
    }
    return listById(ctx, request, limit);
  }
}

function parseTicket(json: string): Ticket {
  let input: unknown;
  try {
    input = JSON.parse(json);
  } catch {
    throw new ContractError('INVALID_ARGUMENT', 'ticket is not valid JSON', [
      { path: '', rule: 'json', message: 'ticket is not valid JSON' },
    ]);
  }
  const validation = validateTicket(input);
  if (!validation.ok) {
    throw new ContractError('INVALID_ARGUMENT', 'ticket is invalid', validation.errors);
  }
  return validation.ticket;
}

/** Stores see their own tickets only; collectors those of their organisation's stores. */
async function assertMayRead(ctx: Context, caller: Caller, storeId: string): Promise<void> {
  const notFound = () => new ContractError('NOT_FOUND', `store ${storeId} not found`);
  if (caller.role === 'store' && caller.participantId !== storeId) throw notFound();
  if (caller.role === 'collector') {
    const store = await getRecord<StoreRecord>(ctx.stub, keys.store(ctx.stub, storeId));
    if (store === undefined || store.mspId !== caller.mspId) throw notFound();
  }
}

function resultOf(record: TicketRecord, replayed: boolean): RecordTicketResult {
  return {
    storeId: record.ticket.storeId,
    ticketId: record.ticket.ticketId,
    contentHash: record.contentHash,
    txId: record.txId,
    recordedAt: record.recordedAt,
    pointsAwarded: record.pointsAwarded,
    pointsRedeemed: record.pointsRedeemed ?? 0,
    pointsReversed: record.pointsReversed ?? 0,
    replayed,
  };
}

async function listByTime(
  ctx: Context,
  request: ListStoreTicketsRequest,
  limit: number,
): Promise<TicketPage> {
  if (request.from === undefined || request.to === undefined) {
    throw new ContractError('INVALID_ARGUMENT', 'a time range needs both from and to', [
      {
        path: request.from === undefined ? '/from' : '/to',
        rule: 'required',
        message: 'needed with a time range',
      },
    ]);
  }
  const from = new Date(request.from).toISOString();
  const to = new Date(request.to).toISOString();
  const days = Math.ceil((Date.parse(to) - Date.parse(from.slice(0, 10))) / DAY_MS);
  if (days > MAX_DAYS_PER_QUERY) {
    throw new ContractError(
      'INVALID_ARGUMENT',
      `a time range spans at most ${MAX_DAYS_PER_QUERY} days`,
      [
        {
          path: '/to',
          rule: 'max-range',
          message: `at most ${MAX_DAYS_PER_QUERY} days after from`,
        },
      ],
    );
  }
  const tickets: TicketRecord[] = [];
  for (let day = Date.parse(from.slice(0, 10)); day < Date.parse(to); day += DAY_MS) {
    const dayKey = new Date(day).toISOString().slice(0, 10);
    for await (const kv of ctx.stub.getStateByPartialCompositeKey(KeyType.ticketByTime, [
      request.storeId,
      dayKey,
    ])) {
      const [, , issuedAtUtc, ticketId] = ctx.stub.splitCompositeKey(kv.key).attributes;
      if (issuedAtUtc === undefined || ticketId === undefined) continue;
      const position = `${issuedAtUtc}|${ticketId}`;
      if (issuedAtUtc < from || issuedAtUtc >= to) continue;
      if (request.cursor !== undefined && position <= request.cursor) continue;
      if (tickets.length === limit) return { tickets, cursor: lastPosition(tickets) };
      tickets.push(await requireTicket(ctx, request.storeId, ticketId));
    }
  }
  return { tickets };
}

async function listById(
  ctx: Context,
  request: ListStoreTicketsRequest,
  limit: number,
): Promise<TicketPage> {
  const tickets: TicketRecord[] = [];
  for await (const kv of ctx.stub.getStateByPartialCompositeKey(KeyType.ticket, [
    request.storeId,
  ])) {
    const record = parseRecord<TicketRecord>(kv.value);
    const id = record.ticket.ticketId;
    if (request.fromTicketId !== undefined && id < request.fromTicketId) continue;
    if (request.cursor !== undefined && id <= request.cursor) continue;
    if (request.toTicketId !== undefined && id >= request.toTicketId) break;
    if (tickets.length === limit)
      return { tickets, cursor: tickets[tickets.length - 1]?.ticket.ticketId };
    tickets.push(record);
  }
  return { tickets };
}

function lastPosition(tickets: readonly TicketRecord[]): string | undefined {
  const last = tickets[tickets.length - 1];
  return last && `${new Date(last.ticket.issuedAt).toISOString()}|${last.ticket.ticketId}`;
}

async function requireTicket(
  ctx: Context,
  storeId: string,
  ticketId: string,
): Promise<TicketRecord> {
  return requireRecord<TicketRecord>(
    ctx,
    keys.ticket(ctx.stub, storeId, ticketId),
    `ticket ${ticketId}`,
  );
}
