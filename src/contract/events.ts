import type { CustomerRecord, ManufacturerRecord, StoreRecord } from './records';

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
  readonly originalTicketId?: string;
  readonly pointsAwarded: number;
  readonly lines: ReadonlyArray<{
    readonly lineNo: number;
    readonly gtin: string;
    readonly description: string;
    readonly quantity: string;
    readonly amount: string;
    /** Owner of the GTIN's company prefix, or `null`. */
    readonly manufacturerId: string | null;
  }>;
}

/** `ParticipantChanged`: a store, manufacturer or customer was registered or changed. */
export interface ParticipantChangedEvent {
  readonly kind: 'store' | 'manufacturer' | 'customer';
  /** The participant's record as now on the ledger. */
  readonly record: StoreRecord | ManufacturerRecord | CustomerRecord;
}

/** Names of the events the contracts emit. */
export type EventName = 'Bootstrapped' | 'ParticipantChanged' | 'TicketRecorded';
