import type { Ticket } from '../format';

/** Lifecycle of a participant: suspended ones keep their history but may not act. */
export type ParticipantStatus = 'active' | 'suspended';

/** Ledger-wide settings, written once by `Bootstrap`. */
export interface ConfigRecord {
  readonly operatorMspId: string;
  readonly bootstrappedAt: string;
}

/**
 * A store: the retailer (chain) it belongs to, which organisation runs it and
 * what rate of points its tickets earn.
 */
export interface StoreRecord {
  readonly storeId: string;
  readonly name: string;
  /**
   * The retailer the store belongs to: returns cross stores only within one
   * retailer. Absent on stores registered before retailers existed, which
   * are each a retailer of their own: read it with `retailerOf`.
   */
  readonly retailerId?: string;
  /** Organisation (MSP) whose collectors may record this store's tickets. */
  readonly mspId: string;
  /** Points per ticket total, in basis points of the minor units (100 = 1 %). */
  readonly pointsRateBp: number;
  readonly status: ParticipantStatus;
  readonly registeredAt: string;
}

/** A manufacturer and the GS1 company prefixes it owns. */
export interface ManufacturerRecord {
  readonly manufacturerId: string;
  readonly name: string;
  readonly prefixes: readonly string[];
  readonly status: ParticipantStatus;
  readonly registeredAt: string;
}

/** A loyalty customer, known only by a pseudonymous id. */
export interface CustomerRecord {
  readonly customerId: string;
  readonly status: ParticipantStatus;
  readonly registeredAt: string;
}

/** The summary of an erasure (its list of erased parts is in the transaction's arguments). */
export interface ErasureRecord {
  readonly erasureId: string;
  readonly reason: string;
  readonly reference?: string;
  /** How many parts were erased. */
  readonly parts: number;
  readonly erasedAt: string;
}

/** Which manufacturer each claimed prefix in a four-digit bucket belongs to. */
export interface PrefixBucketRecord {
  readonly prefixes: Readonly<Record<string, string>>;
}

/** A recorded ticket, as kept in world state. */
export interface TicketRecord {
  readonly ticket: Ticket;
  readonly contentHash: string;
  /** Transaction that recorded it. */
  readonly txId: string;
  readonly recordedAt: string;
  /** Manufacturer of each line, by position; `null` where unattributed. */
  readonly attribution: ReadonlyArray<string | null>;
  readonly pointsAwarded: number;
  /** Points burned by a `pointsRedeemed` payment on this sale (absent when none). */
  readonly pointsRedeemed?: number;
  /** Points this return took back from the original sale's award (absent when none). */
  readonly pointsReversed?: number;
}

/** Where a lot of points came from. */
export type LotSource =
  | { readonly kind: 'award'; readonly storeId: string; readonly ticketId: string }
  | { readonly kind: 'transfer'; readonly transferId: string; readonly fromCustomerId: string }
  /** Lots of the customer merged by `ConsolidateLots`. */
  | { readonly kind: 'consolidation'; readonly lots: number };

/**
 * An unspent amount of points held by one customer, from one award or
 * transfer. Spending consumes the oldest lots first; a lot partly spent
 * keeps its key and origin with the amount left.
 */
export interface PointsLot {
  readonly customerId: string;
  readonly lotId: string;
  readonly amount: number;
  readonly source: LotSource;
  readonly createdAt: string;
}

/** Why a customer's points changed. */
export type MovementKind =
  /** Earned on a sale. */
  | 'award'
  /** Received from another customer. */
  | 'transfer-in'
  /** Given to another customer. */
  | 'transfer-out'
  /** Spent at a store through a redemption grant (burned). */
  | 'redemption'
  /** Taken back because goods bought with an award were returned. */
  | 'reversal';

/** One change to a customer's points, kept for the movement history and sent in events. */
export interface PointsMovement {
  readonly customerId: string;
  readonly kind: MovementKind;
  /** Signed change of the balance: positive for award and transfer-in. */
  readonly delta: number;
  readonly txId: string;
  readonly at: string;
  /** Store of the award, redemption or return. */
  readonly storeId?: string;
  /** Ticket of the award, of the redemption (when on a ticket), or the return ticket. */
  readonly ticketId?: string;
  /** Transfers: the transfer's id and the other customer. */
  readonly transferId?: string;
  readonly counterpartyId?: string;
  /** Redemptions: the grant used. */
  readonly grantId?: string;
  /** Reversals: the sale whose award is taken back. */
  readonly originalTicketId?: string;
}

/** A transfer of points between two customers, kept to make `TransferPoints` idempotent. */
export interface TransferRecord {
  readonly transferId: string;
  readonly fromCustomerId: string;
  readonly toCustomerId: string;
  readonly points: number;
  readonly txId: string;
  readonly at: string;
}

/** Lifecycle of a redemption grant; an active grant past `expiresAt` is expired. */
export type GrantStatus = 'active' | 'used' | 'cancelled';

/**
 * A customer's consent to spend points at one store: at most `points`,
 * once, before `expiresAt`. Keyed by `grantId`, the SHA-256 of the code the
 * customer shows: the ledger never holds a usable code.
 */
export interface RedemptionGrantRecord {
  readonly grantId: string;
  readonly customerId: string;
  readonly storeId: string;
  readonly points: number;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly status: GrantStatus;
  /** Once used: when, by which transaction, how many points, and the ticket or redemption id. */
  readonly usedAt?: string;
  readonly usedTxId?: string;
  readonly pointsRedeemed?: number;
  readonly ticketId?: string;
  readonly redemptionId?: string;
  readonly cancelledAt?: string;
}

/** What the returns of one sale have taken back of one of its lines. */
export interface ReturnedLine {
  /** Quantity returned so far, a decimal string with the sale line's unit. */
  readonly quantity: string;
  /** Amount refunded so far, a decimal string in the sale's currency. */
  readonly amount: string;
}

/**
 * What the returns of one sale have taken back so far, in goods and in
 * points, so that returns together never take back more than the sale had.
 * Every return of the sale reads and writes it: two returns of one sale
 * cannot both pass on the same figures.
 */
export interface ReturnTallyRecord {
  /** Returned amount so far, minor units (capped at the sale's earning base). */
  readonly returnedMinor: number;
  /** Points taken back so far. */
  readonly reversed: number;
  /** Points due but not taken back because the customer had already spent them. */
  readonly writtenOff: number;
  /**
   * Goods and money taken back, by the sale's `lineNo`. Absent on tallies
   * written before returns were matched line by line (docs/ticket-format.md).
   */
  readonly lines?: Readonly<Record<string, ReturnedLine>>;
}
