import type {
  CustomerRecord,
  ManufacturerRecord,
  PointsMovement,
  RedemptionGrantRecord,
  StoreRecord,
  TransferRecord,
} from './records';

/**
 * Contract events: what the read side (projector, live streams) needs, so
 * that it never has to read world state. On Fabric a transaction carries at
 * most one event, so each transaction emits exactly one.
 */

/** `TicketRecorded`: a ticket was recorded for the first time. */
export interface TicketRecordedEvent {
  readonly storeId: string;
  readonly ticketId: string;
  readonly txId: string;
  readonly contentHash: string;
  readonly type: 'sale' | 'return';
  readonly issuedAt: string;
  readonly currency: string;
  readonly total: string;
  readonly customerId?: string;
  /** Returns: the sale the goods came back from (its store is given even when the return's own). */
  readonly originalTicketId?: string;
  /** Returns: the sale's store. Absent in returns of earlier releases: the return's own store. */
  readonly originalStoreId?: string;
  readonly pointsAwarded: number;
  /** Points burned by a `pointsRedeemed` payment (absent when none). */
  readonly pointsRedeemed?: number;
  /** Points a return took back from its sale (absent when none). */
  readonly pointsReversed?: number;
  /** Points a return should have taken back but the customer had spent (absent when none). */
  readonly pointsWrittenOff?: number;
  /**
   * Every points movement of the transaction (award, redemption, reversal).
   * Absent in events of earlier releases, where the only movement was the
   * award, described by `pointsAwarded`.
   */
  readonly movements?: readonly PointsMovement[];
  /** The redemption grant used by a `pointsRedeemed` payment, as now on the ledger. */
  readonly grant?: RedemptionGrantRecord;
  readonly lines: ReadonlyArray<{
    readonly lineNo: number;
    readonly gtin: string;
    readonly description: string;
    readonly quantity: string;
    readonly amount: string;
    /** Owner of the GTIN's company prefix, or `null`. */
    readonly manufacturerId: string | null;
    /** Return lines: the sale's line taken back. */
    readonly originalLineNo?: number;
  }>;
}

/** `ParticipantChanged`: a store, manufacturer or customer was registered or changed. */
export interface ParticipantChangedEvent {
  readonly kind: 'store' | 'manufacturer' | 'customer';
  /** The participant's record as now on the ledger. */
  readonly record: StoreRecord | ManufacturerRecord | CustomerRecord;
}

/** `PointsChanged`: points moved outside a ticket, or a redemption grant changed. */
export interface PointsChangedEvent {
  readonly txId: string;
  readonly at: string;
  readonly cause: 'transfer' | 'redemption' | 'grant-created' | 'grant-cancelled' | 'consolidation';
  /** The points movements of the transaction (none for grant changes). */
  readonly movements: readonly PointsMovement[];
  readonly transfer?: TransferRecord;
  /** The grant as now on the ledger. */
  readonly grant?: RedemptionGrantRecord;
}

/** Names of the events the contracts emit. */
export type EventName = 'Bootstrapped' | 'ParticipantChanged' | 'TicketRecorded' | 'PointsChanged';

/**
 * The points movements of a `TicketRecorded` event: its `movements`, or,
 * for events of releases before they were listed, the award that
 * `pointsAwarded` describes (the transaction's time stands for its `at`).
 */
export function ticketMovements(
  event: TicketRecordedEvent,
  txTime: string,
): readonly PointsMovement[] {
  if (event.movements !== undefined) return event.movements;
  if (event.customerId === undefined || event.pointsAwarded <= 0) return [];
  return [
    {
      customerId: event.customerId,
      kind: 'award',
      delta: event.pointsAwarded,
      txId: event.txId,
      at: txTime,
      storeId: event.storeId,
      ticketId: event.ticketId,
    },
  ];
}
