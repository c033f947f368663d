import { Context, Contract, Info, Transaction } from 'fabric-contract-api';
import { authorize, type Caller } from './access';
import { claimPrefixes } from './attribution';
import { ContractError } from './errors';
import { keys } from './keys';
import type {
  ConfigRecord,
  CustomerRecord,
  ErasureRecord,
  ManufacturerRecord,
  ParticipantStatus,
  StoreRecord,
} from './records';
import { parseRequest, requests, type ParticipantKind } from './requests';
import { getRecord, putRecord } from './state';
import type { ParticipantChangedEvent } from './events';
import { now, requireConfig, requireRecord } from './transaction-context';

/** Default points rate of a store: 100 basis points = 1 % of the ticket total. */
export const DEFAULT_POINTS_RATE_BP = 100;

type AnyParticipant = StoreRecord | ManufacturerRecord | CustomerRecord;

/** The network's members: the operator, stores, manufacturers and loyalty customers. */
@Info({ title: 'participants', description: 'Operator, stores, manufacturers and customers' })
export class ParticipantsContract extends Contract {
  constructor() {
    super('participants');
  }

  /** Names the operator organisation. Once per ledger, by an operator of that organisation. */
  @Transaction()
  async Bootstrap(ctx: Context, requestJson: string): Promise<ConfigRecord> {
    const caller = authorize(ctx, 'Bootstrap');
    const request = parseRequest(requestJson, requests.Bootstrap);
    if (caller.mspId !== request.operatorMspId) {
      throw new ContractError('FORBIDDEN', 'Bootstrap: the caller must belong to the operator MSP');
    }
    const key = keys.config(ctx.stub);
    if ((await getRecord<ConfigRecord>(ctx.stub, key)) !== undefined) {
      throw new ContractError('CONFLICT', 'the ledger is already bootstrapped');
    }
    const config: ConfigRecord = {
      operatorMspId: request.operatorMspId,
      bootstrappedAt: now(ctx),
    };
    await putRecord(ctx.stub, key, config);
    ctx.stub.setEvent('Bootstrapped', Buffer.from(JSON.stringify(config)));
    return config;
  }

  @Transaction(false)
  async GetConfig(ctx: Context): Promise<ConfigRecord> {
    authorize(ctx, 'GetConfig');
    return requireConfig(ctx);
  }

  @Transaction()
  async RegisterStore(ctx: Context, requestJson: string): Promise<StoreRecord> {
    await requireOperator(ctx, authorize(ctx, 'RegisterStore'));
    const request = parseRequest(requestJson, requests.RegisterStore);
    const key = keys.store(ctx.stub, request.storeId);
    await assertAbsent(ctx, key, `store ${request.storeId}`);
    const store: StoreRecord = {
      storeId: request.storeId,
      name: request.name,
      retailerId: request.retailerId ?? request.storeId,
      mspId: request.mspId,
      pointsRateBp: request.pointsRateBp ?? DEFAULT_POINTS_RATE_BP,
      status: 'active',
      registeredAt: now(ctx),
    };
    await putRecord(ctx.stub, key, store);
    emitParticipant(ctx, 'store', store);
    return store;
  }

  @Transaction()
  async SetStorePointsRate(ctx: Context, requestJson: string): Promise<StoreRecord> {
    await requireOperator(ctx, authorize(ctx, 'SetStorePointsRate'));
    const request = parseRequest(requestJson, requests.SetStorePointsRate);
    const key = keys.store(ctx.stub, request.storeId);
    const store = await requireRecord<StoreRecord>(ctx, key, `store ${request.storeId}`);
    const updated: StoreRecord = { ...store, pointsRateBp: request.pointsRateBp };
    await putRecord(ctx.stub, key, updated);
    emitParticipant(ctx, 'store', updated);
    return updated;
  }

  /** Registers a manufacturer and its GS1 company prefixes; overlapping claims are refused. */
  @Transaction()
  async RegisterManufacturer(ctx: Context, requestJson: string): Promise<ManufacturerRecord> {
    await requireOperator(ctx, authorize(ctx, 'RegisterManufacturer'));
    const request = parseRequest(requestJson, requests.RegisterManufacturer);
    const key = keys.manufacturer(ctx.stub, request.manufacturerId);
    await assertAbsent(ctx, key, `manufacturer ${request.manufacturerId}`);
    await claimPrefixes(ctx.stub, request.manufacturerId, request.prefixes);
    const prefixes = [...request.prefixes].sort();
    const manufacturer: ManufacturerRecord = {
      manufacturerId: request.manufacturerId,
      name: request.name,
      prefixes,
      status: 'active',
      registeredAt: now(ctx),
    };
    await putRecord(ctx.stub, key, manufacturer);
    emitParticipant(ctx, 'manufacturer', manufacturer);
    return manufacturer;
  }

  /** Enrols a loyalty customer under a pseudonymous id (never a name, e-mail or card number). */
  @Transaction()
  async RegisterCustomer(ctx: Context, requestJson: string): Promise<CustomerRecord> {
    await requireOperator(ctx, authorize(ctx, 'RegisterCustomer'));
    const request = parseRequest(requestJson, requests.RegisterCustomer);
    const key = keys.customer(ctx.stub, request.customerId);
    await assertAbsent(ctx, key, `customer ${request.customerId}`);
    const customer: CustomerRecord = {
      customerId: request.customerId,
      status: 'active',
      registeredAt: now(ctx),
    };
    await putRecord(ctx.stub, key, customer);
    emitParticipant(ctx, 'customer', customer);
    return customer;
  }

  /** Suspends or reinstates a participant. */
  @Transaction()
  async SetParticipantStatus(ctx: Context, requestJson: string): Promise<AnyParticipant> {
    await requireOperator(ctx, authorize(ctx, 'SetParticipantStatus'));
    const request = parseRequest(requestJson, requests.SetParticipantStatus);
    const key = participantKey(ctx, request.kind, request.id);
    const record = await requireRecord<AnyParticipant>(ctx, key, `${request.kind} ${request.id}`);
    const updated = { ...record, status: request.status as ParticipantStatus };
    await putRecord(ctx.stub, key, updated);
    emitParticipant(ctx, request.kind, updated);
    return updated;
  }

  /**
   * The erasure record of a customer: which commitments of earlier transactions had their values
   * and salts deleted, and why. It names no customer: the node plans the list (it alone can read
   * the stored parts) and erases them in the block that carries this transaction; on a ledger
   * that keeps values in the clear (Fabric) it changes nothing but this record.
   */
  @Transaction()
  async EraseCustomer(ctx: Context, requestJson: string): Promise<ErasureRecord> {
    await requireOperator(ctx, authorize(ctx, 'EraseCustomer'));
    const request = parseRequest(requestJson, requests.EraseCustomer);
    const record: ErasureRecord = {
      erasureId: request.erasureId,
      reason: request.reason,
      ...(request.reference === undefined ? {} : { reference: request.reference }),
      parts: request.parts.length,
      erasedAt: now(ctx),
    };
    ctx.stub.setEvent('CustomerErased', Buffer.from(JSON.stringify(record)));
    return record;
  }

  /** A participant's record. Stores and manufacturers may read only their own. */
  @Transaction(false)
  async GetParticipant(ctx: Context, requestJson: string): Promise<AnyParticipant> {
    const caller = authorize(ctx, 'GetParticipant');
    const request = parseRequest(requestJson, requests.ParticipantRef);
    const ownOnly = caller.role === 'store' || caller.role === 'manufacturer';
    if (ownOnly && (caller.role !== request.kind || caller.participantId !== request.id)) {
      throw new ContractError('NOT_FOUND', `${request.kind} ${request.id} not found`);
    }
    return requireRecord<AnyParticipant>(
      ctx,
      participantKey(ctx, request.kind, request.id),
      `${request.kind} ${request.id}`,
    );
  }
}

function participantKey(ctx: Context, kind: ParticipantKind, id: string): string {
  switch (kind) {
    case 'store':
      return keys.store(ctx.stub, id);
    case 'manufacturer':
      return keys.manufacturer(ctx.stub, id);
    case 'customer':
      return keys.customer(ctx.stub, id);
  }
}

function emitParticipant(ctx: Context, kind: ParticipantKind, record: AnyParticipant): void {
  const event: ParticipantChangedEvent = { kind, record };
  ctx.stub.setEvent('ParticipantChanged', Buffer.from(JSON.stringify(event)));
}

/** @throws {ContractError} FORBIDDEN unless the caller belongs to the operator MSP. */
async function requireOperator(ctx: Context, caller: Caller): Promise<void> {
  const config = await requireConfig(ctx);
  if (caller.mspId !== config.operatorMspId) {
    throw new ContractError(
      'FORBIDDEN',
      `only the operator MSP ${config.operatorMspId} may do this`,
    );
  }
}

async function assertAbsent(ctx: Context, key: string, what: string): Promise<void> {
  if ((await getRecord(ctx.stub, key)) !== undefined) {
    throw new ContractError('CONFLICT', `${what} is already registered`);
  }
}
