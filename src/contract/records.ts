import type { Ticket } from '../format';

/** Lifecycle of a participant: suspended ones keep their history but may not act. */
export type ParticipantStatus = 'active' | 'suspended';

/** Ledger-wide settings, written once by `Bootstrap`. */
export interface ConfigRecord {
  readonly operatorMspId: string;
  readonly bootstrappedAt: string;
}

/** A store: which organisation runs it and what rate of points its tickets earn. */
export interface StoreRecord {
  readonly storeId: string;
  readonly name: string;
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
}

/** An unspent amount of points held by one customer, from one award. */
export interface PointsLot {
  readonly customerId: string;
  readonly lotId: string;
  readonly amount: number;
  readonly source: { readonly kind: 'award'; readonly storeId: string; readonly ticketId: string };
  readonly createdAt: string;
}

/** One change to a customer's points, kept for the movement history. */
export interface PointsMovement {
  readonly customerId: string;
  readonly kind: 'award';
  /** Signed change of the balance. */
  readonly delta: number;
  readonly txId: string;
  readonly at: string;
  readonly storeId: string;
  readonly ticketId: string;
}
