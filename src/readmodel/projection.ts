import type Database from 'better-sqlite3';
// From the modules, not the packages' indexes: those load the contract
// classes (fabric-contract-api) and compile the ticket schema (Ajv) in the
// projection thread, which needs neither (~10 MB of its heap).
import {
  ticketMovements,
  type ParticipantChangedEvent,
  type PointsChangedEvent,
  type TicketRecordedEvent,
} from '../contract/events';
import type { PointsMovement, RedemptionGrantRecord } from '../contract/records';
import type { LedgerBlock } from '../ledger/gateway';
import { toMinorUnits } from '../format/currency';
import { toMilli } from './amounts';
import { SalesBuffer } from './sales-buffer';

/** What projecting one block added, for live listeners. */
export interface ProjectedBlock {
  readonly blockNumber: number;
  /** Ticket rows added, as their `seq` range (`first > last` when none). */
  readonly firstTicketSeq: number;
  readonly lastTicketSeq: number;
  readonly tickets: number;
  /** Points movement rows added, as their `seq` range (`first > last` when none). */
  readonly firstMovementSeq: number;
  readonly lastMovementSeq: number;
}

/**
 * Turns the events of committed blocks into read-model rows. One instance
 * holds the prepared statements; `applyAll` runs inside the caller's
 * transaction, which also writes the checkpoint.
 */
export class Projection {
  private readonly stmt;
  private readonly sales: SalesBuffer;

  constructor(db: Database.Database) {
    this.sales = new SalesBuffer(db);
    this.stmt = {
      participant: db.prepare(
        `INSERT INTO participant (kind, id, name, retailer_id, status, record, registered_at)
         VALUES (@kind, @id, @name, @retailerId, @status, @record, @registeredAt)
         ON CONFLICT (kind, id) DO UPDATE SET name = excluded.name,
           retailer_id = excluded.retailer_id, status = excluded.status, record = excluded.record`,
      ),
      ticket: db.prepare(
        `INSERT INTO ticket (store_id, ticket_id, tx_id, block_number, type, issued_at,
           issued_at_utc, currency, total_minor, customer_id, original_ticket_id,
           original_store_id, points_awarded, content_hash, line_count)
         VALUES (@storeId, @ticketId, @txId, @blockNumber, @type, @issuedAt, @issuedAtUtc,
           @currency, @totalMinor, @customerId, @originalTicketId, @originalStoreId,
           @pointsAwarded, @contentHash, @lineCount)`,
      ),
      line: db.prepare(
        `INSERT INTO line (ticket_seq, line_no, gtin, description, quantity_milli,
           amount_minor, manufacturer_id, original_line_no)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      // The sale precedes its returns on the ledger, so its row is here.
      returned: db.prepare(
        `UPDATE line SET returned_quantity_milli = returned_quantity_milli + @quantity,
           returned_amount_minor = returned_amount_minor + @amount
         WHERE line_no = @lineNo AND ticket_seq =
           (SELECT seq FROM ticket WHERE store_id = @storeId AND ticket_id = @ticketId)`,
      ),
      movement: db.prepare(
        `INSERT INTO points_movement (customer_id, kind, delta, tx_id, block_number, at,
           store_id, ticket_id, transfer_id, counterparty_id, grant_id, original_ticket_id)
         VALUES (@customerId, @kind, @delta, @txId, @blockNumber, @at, @storeId, @ticketId,
           @transferId, @counterpartyId, @grantId, @originalTicketId)`,
      ),
      balance: db.prepare(
        `INSERT INTO points_balance (customer_id, balance, earned, received, given, redeemed,
           reversed)
         VALUES (@customerId, @delta, @earned, @received, @given, @redeemed, @reversed)
         ON CONFLICT DO UPDATE SET
           balance = balance + excluded.balance, earned = earned + excluded.earned,
           received = received + excluded.received, given = given + excluded.given,
           redeemed = redeemed + excluded.redeemed, reversed = reversed + excluded.reversed`,
      ),
      grant: db.prepare(
        `INSERT INTO points_grant (grant_id, customer_id, store_id, points, created_at,
           expires_at, status, used_at, used_tx_id, points_redeemed, ticket_id, redemption_id,
           cancelled_at, block_number)
         VALUES (@grantId, @customerId, @storeId, @points, @createdAt, @expiresAt, @status,
           @usedAt, @usedTxId, @pointsRedeemed, @ticketId, @redemptionId, @cancelledAt,
           @blockNumber)
         ON CONFLICT (grant_id) DO UPDATE SET
           status = excluded.status, used_at = excluded.used_at, used_tx_id = excluded.used_tx_id,
           points_redeemed = excluded.points_redeemed, ticket_id = excluded.ticket_id,
           redemption_id = excluded.redemption_id, cancelled_at = excluded.cancelled_at,
           block_number = excluded.block_number`,
      ),
    };
  }

  /**
   * Projects every event of the blocks' valid transactions, in order, then
   * writes their summed sales rows; the caller commits.
   */
  applyAll(blocks: readonly LedgerBlock[]): ProjectedBlock[] {
    try {
      const projected = blocks.map((block) => this.apply(block));
      this.sales.flush();
      return projected;
    } finally {
      // After a failure the caller rolls back: sums of lines not written must not linger.
      this.sales.clear();
    }
  }

  private apply(block: LedgerBlock): ProjectedBlock {
    let first = 0;
    let last = -1;
    this.firstMovement = 0;
    this.lastMovement = -1;
    for (const tx of block.transactions) {
      if (tx.validationCode !== 'VALID') continue;
      for (const event of tx.events) {
        const payload = JSON.parse(Buffer.from(event.payload).toString('utf8')) as unknown;
        switch (event.name) {
          case 'TicketRecorded': {
            const seq = this.ticket(payload as TicketRecordedEvent, block.number, tx.timestamp);
            if (last < first) first = seq;
            last = seq;
            break;
          }
          case 'ParticipantChanged':
            this.participant(payload as ParticipantChangedEvent);
            break;
          case 'PointsChanged': {
            const change = payload as PointsChangedEvent;
            this.movements(change.movements, block.number);
            if (change.grant !== undefined) this.grant(change.grant, block.number);
            break;
          }
          // Other events (Bootstrapped) carry nothing the queries serve.
        }
      }
    }
    return {
      blockNumber: block.number,
      firstTicketSeq: first,
      lastTicketSeq: last,
      tickets: last < first ? 0 : last - first + 1,
      firstMovementSeq: this.firstMovement,
      lastMovementSeq: this.lastMovement,
    };
  }

  private firstMovement = 0;
  private lastMovement = -1;

  private movements(movements: readonly PointsMovement[], blockNumber: number): void {
    for (const m of movements) {
      // An erased customer's movements come back redacted, without the customer (docs/ledger.md).
      if ((m as Partial<PointsMovement>).customerId === undefined) continue;
      const { lastInsertRowid } = this.stmt.movement.run({
        customerId: m.customerId,
        kind: m.kind,
        delta: m.delta,
        txId: m.txId,
        blockNumber,
        at: m.at,
        storeId: m.storeId ?? null,
        ticketId: m.ticketId ?? null,
        transferId: m.transferId ?? null,
        counterpartyId: m.counterpartyId ?? null,
        grantId: m.grantId ?? null,
        originalTicketId: m.originalTicketId ?? null,
      });
      const seq = Number(lastInsertRowid);
      if (this.lastMovement < this.firstMovement) this.firstMovement = seq;
      this.lastMovement = seq;
      const size = Math.abs(m.delta);
      this.stmt.balance.run({
        customerId: m.customerId,
        delta: m.delta,
        earned: m.kind === 'award' ? size : 0,
        received: m.kind === 'transfer-in' ? size : 0,
        given: m.kind === 'transfer-out' ? size : 0,
        redeemed: m.kind === 'redemption' ? size : 0,
        reversed: m.kind === 'reversal' ? size : 0,
      });
    }
  }

  private grant(grant: RedemptionGrantRecord, blockNumber: number): void {
    if ((grant as Partial<RedemptionGrantRecord>).customerId === undefined) return;
    this.stmt.grant.run({
      grantId: grant.grantId,
      customerId: grant.customerId,
      storeId: grant.storeId,
      points: grant.points,
      createdAt: grant.createdAt,
      expiresAt: grant.expiresAt,
      status: grant.status,
      usedAt: grant.usedAt ?? null,
      usedTxId: grant.usedTxId ?? null,
      pointsRedeemed: grant.pointsRedeemed ?? null,
      ticketId: grant.ticketId ?? null,
      redemptionId: grant.redemptionId ?? null,
      cancelledAt: grant.cancelledAt ?? null,
      blockNumber,
    });
  }

  private ticket(event: TicketRecordedEvent, blockNumber: number, txTime: string): number {
    const sign = event.type === 'return' ? -1n : 1n;
    const issuedAtUtc = new Date(event.issuedAt).toISOString();
    const { lastInsertRowid } = this.stmt.ticket.run({
      storeId: event.storeId,
      ticketId: event.ticketId,
      txId: event.txId,
      blockNumber,
      type: event.type,
      issuedAt: event.issuedAt,
      issuedAtUtc,
      currency: event.currency,
      totalMinor: toMinorUnits(event.total, event.currency),
      customerId: event.customerId ?? null,
      originalTicketId: event.originalTicketId ?? null,
      originalStoreId: event.type === 'return' ? (event.originalStoreId ?? event.storeId) : null,
      pointsAwarded: event.pointsAwarded,
      contentHash: event.contentHash,
      lineCount: event.lines.length,
    });
    const seq = Number(lastInsertRowid);
    for (const line of event.lines) {
      const quantity = toMilli(line.quantity);
      const amount = toMinorUnits(line.amount, event.currency);
      this.stmt.line.run(
        seq,
        line.lineNo,
        line.gtin,
        line.description,
        quantity,
        amount,
        line.manufacturerId,
        line.originalLineNo ?? null,
      );
      if (event.type === 'return' && line.originalLineNo !== undefined) {
        this.stmt.returned.run({
          storeId: event.originalStoreId ?? event.storeId,
          ticketId: event.originalTicketId,
          lineNo: line.originalLineNo,
          quantity,
          amount,
        });
      }
      if (line.manufacturerId === null) continue;
      this.sales.add(
        line.manufacturerId,
        event.storeId,
        event.issuedAt,
        line.gtin,
        event.currency,
        sign * quantity,
        sign * amount,
      );
    }
    this.movements(ticketMovements(event, txTime), blockNumber);
    if (event.grant !== undefined) this.grant(event.grant, blockNumber);
    return seq;
  }

  private participant(event: ParticipantChangedEvent): void {
    const record = event.record;
    const id =
      'storeId' in record
        ? record.storeId
        : 'manufacturerId' in record
          ? record.manufacturerId
          : record.customerId;
    if ((id as string | undefined) === undefined) return;
    this.stmt.participant.run({
      kind: event.kind,
      id,
      name: 'name' in record ? record.name : null,
      retailerId: 'storeId' in record ? (record.retailerId ?? record.storeId) : null,
      status: record.status,
      record: JSON.stringify(record),
      registeredAt: record.registeredAt,
    });
  }
}
