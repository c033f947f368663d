import type {
  Balance,
  BalancePage,
  ConsolidationResult,
  ConfigRecord,
  ContractFailure,
  CustomerRecord,
  ManufacturerRecord,
  MovementPage,
  RecordTicketResult,
  RedemptionGrantRecord,
  RedemptionResult,
  TransferResult,
  StoreRecord,
  TicketPage,
  TicketRecord,
} from '../contract';
import { parseContractFailure } from '../contract';
import type {
  BootstrapRequest,
  CancelRedemptionGrantRequest,
  CreateRedemptionGrantRequest,
  ListBalancesRequest,
  RedeemPointsRequest,
  TransferPointsRequest,
  ListMovementsRequest,
  ListStoreTicketsRequest,
  ParticipantRef,
  RegisterCustomerRequest,
  RegisterManufacturerRequest,
  RegisterStoreRequest,
  ReturnableRequest,
  ReturnableSale,
  SetParticipantStatusRequest,
  SetStorePointsRateRequest,
  TicketRef,
} from '../contract';
import { EndorseError, type Identity, type LedgerGateway } from '../ledger/gateway';

/** A transaction outcome: the contract's typed result plus where it was committed. */
export interface Committed<T> {
  readonly value: T;
  readonly transactionId: string;
  readonly blockNumber: number;
}

/**
 * The contract refused a call (validation, access, conflict...). Carries the
 * contract's stable code and field details, whichever engine ran it.
 */
export class ContractCallError extends Error {
  constructor(
    readonly failure: ContractFailure,
    readonly transactionId: string | undefined,
    options?: ErrorOptions,
  ) {
    super(failure.message, options);
    this.name = 'ContractCallError';
  }

  get code() {
    return this.failure.code;
  }
}

/**
 * Typed calls to Eter's contracts over any {@link LedgerGateway}: JSON in,
 * typed results out, contract failures as {@link ContractCallError}. Gateway
 * errors of other stages (submit, commit) pass through unchanged.
 */
export class ContractClient {
  constructor(readonly gateway: LedgerGateway) {}

  bootstrap(as: Identity, request: BootstrapRequest) {
    return this.submit<ConfigRecord>(as, 'participants', 'Bootstrap', request);
  }

  registerStore(as: Identity, request: RegisterStoreRequest) {
    return this.submit<StoreRecord>(as, 'participants', 'RegisterStore', request);
  }

  registerManufacturer(as: Identity, request: RegisterManufacturerRequest) {
    return this.submit<ManufacturerRecord>(as, 'participants', 'RegisterManufacturer', request);
  }

  registerCustomer(as: Identity, request: RegisterCustomerRequest) {
    return this.submit<CustomerRecord>(as, 'participants', 'RegisterCustomer', request);
  }

  setParticipantStatus(as: Identity, request: SetParticipantStatusRequest) {
    return this.submit<StoreRecord | ManufacturerRecord | CustomerRecord>(
      as,
      'participants',
      'SetParticipantStatus',
      request,
    );
  }

  setStorePointsRate(as: Identity, request: SetStorePointsRateRequest) {
    return this.submit<StoreRecord>(as, 'participants', 'SetStorePointsRate', request);
  }

  getParticipant(as: Identity, request: ParticipantRef) {
    return this.evaluate<StoreRecord | ManufacturerRecord | CustomerRecord>(
      as,
      'participants',
      'GetParticipant',
      request,
    );
  }

  getConfig(as: Identity) {
    return this.evaluateRaw<ConfigRecord>(as, 'participants', 'GetConfig', []);
  }

  /** Records a ticket. `ticket` is sent as given (an object or its JSON text). */
  recordTicket(as: Identity, ticket: unknown) {
    return this.submit<RecordTicketResult>(as, 'tickets', 'RecordTicket', ticket);
  }

  getTicket(as: Identity, request: TicketRef) {
    return this.evaluate<TicketRecord>(as, 'tickets', 'GetTicket', request);
  }

  /** A sale line by line for a return at `request.storeId`: sold, returned, left. */
  getReturnable(as: Identity, request: ReturnableRequest) {
    return this.evaluate<ReturnableSale>(as, 'tickets', 'GetReturnable', request);
  }

  listStoreTickets(as: Identity, request: ListStoreTicketsRequest) {
    return this.evaluate<TicketPage>(as, 'tickets', 'ListStoreTickets', request);
  }

  getBalance(as: Identity, customerId: string) {
    return this.evaluate<Balance>(as, 'points', 'GetBalance', { customerId });
  }

  listMovements(as: Identity, request: ListMovementsRequest) {
    return this.evaluate<MovementPage>(as, 'points', 'ListMovements', request);
  }

  listBalances(as: Identity, request: ListBalancesRequest) {
    return this.evaluate<BalancePage>(as, 'points', 'ListBalances', request);
  }

  /** Merges up to `MAX_LOTS_PER_SPEND` of a customer's lots into one. */
  consolidateLots(as: Identity, customerId: string) {
    return this.submit<ConsolidationResult>(as, 'points', 'ConsolidateLots', { customerId });
  }

  transferPoints(as: Identity, request: TransferPointsRequest) {
    return this.submit<TransferResult>(as, 'points', 'TransferPoints', request);
  }

  createRedemptionGrant(as: Identity, request: CreateRedemptionGrantRequest) {
    return this.submit<RedemptionGrantRecord>(as, 'points', 'CreateRedemptionGrant', request);
  }

  cancelRedemptionGrant(as: Identity, request: CancelRedemptionGrantRequest) {
    return this.submit<RedemptionGrantRecord>(as, 'points', 'CancelRedemptionGrant', request);
  }

  redeemPoints(as: Identity, request: RedeemPointsRequest) {
    return this.submit<RedemptionResult>(as, 'points', 'RedeemPoints', request);
  }

  private async submit<T>(
    as: Identity,
    contract: string,
    fn: string,
    request: unknown,
  ): Promise<Committed<T>> {
    try {
      const tx = await this.gateway.submit(as, { contract, fn, args: [toArg(request)] });
      return {
        value: parseResult<T>(tx.result),
        transactionId: tx.transactionId,
        blockNumber: tx.blockNumber,
      };
    } catch (error) {
      throw asContractError(error);
    }
  }

  private evaluate<T>(as: Identity, contract: string, fn: string, request: unknown): Promise<T> {
    return this.evaluateRaw<T>(as, contract, fn, [toArg(request)]);
  }

  private async evaluateRaw<T>(
    as: Identity,
    contract: string,
    fn: string,
    args: string[],
  ): Promise<T> {
    try {
      return parseResult<T>(await this.gateway.evaluate(as, { contract, fn, args }));
    } catch (error) {
      throw asContractError(error);
    }
  }
}

function toArg(request: unknown): string {
  return typeof request === 'string' ? request : JSON.stringify(request);
}

function parseResult<T>(bytes: Uint8Array): T {
  return JSON.parse(Buffer.from(bytes).toString('utf8')) as T;
}

/** Turns an endorsement failure carrying a contract error into a {@link ContractCallError}. */
function asContractError(error: unknown): unknown {
  if (error instanceof EndorseError) {
    const failure = parseContractFailure(error.details);
    if (failure !== undefined)
      return new ContractCallError(failure, error.transactionId, { cause: error });
  }
  return error;
}
