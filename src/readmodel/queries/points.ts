import type Database from 'better-sqlite3';
import { decodeCursor, encodeCursor } from './cursor';

/** A customer's points as the read model has them. */
export interface PointsSummary {
  readonly customerId: string;
  readonly balance: number;
  /** All points ever earned on sales. */
  readonly earned: number;
  /** Received from, and given to, other customers. */
  readonly received: number;
  readonly given: number;
  /** Spent at stores. */
  readonly redeemed: number;
  /** Taken back by returns. */
  readonly reversed: number;
}

/** One change of a customer's points, with the transaction that made it. */
export interface MovementView {
  /** Read-model sequence: the live points stream's event id. */
  readonly seq: number;
  readonly kind: string;
  readonly delta: number;
  readonly at: string;
  readonly txId: string;
  readonly blockNumber: number;
  readonly storeId: string | null;
  readonly ticketId: string | null;
  readonly transferId: string | null;
  readonly counterpartyId: string | null;
  readonly grantId: string | null;
  readonly originalTicketId: string | null;
}

/** A page of movements, oldest first. */
export interface MovementViewPage {
  readonly movements: MovementView[];
  readonly nextCursor?: string;
}

/** A redemption grant as its customer sees it (never its code: only the app has that). */
export interface GrantView {
  readonly grantId: string;
  readonly storeId: string;
  readonly points: number;
  readonly createdAt: string;
  readonly expiresAt: string;
  /** `expired`: still active on the ledger, but past its expiry. */
  readonly status: 'active' | 'used' | 'cancelled' | 'expired';
  readonly usedAt: string | null;
  readonly pointsRedeemed: number | null;
  readonly ticketId: string | null;
  readonly cancelledAt: string | null;
}

interface MovementRow {
  seq: number;
  kind: string;
  delta: number;
  at: string;
  tx_id: string;
  block_number: number;
  store_id: string | null;
  ticket_id: string | null;
  transfer_id: string | null;
  counterparty_id: string | null;
  grant_id: string | null;
  original_ticket_id: string | null;
}

interface GrantRow {
  grant_id: string;
  store_id: string;
  points: number;
  created_at: string;
  expires_at: string;
  status: 'active' | 'used' | 'cancelled';
  used_at: string | null;
  points_redeemed: number | null;
  ticket_id: string | null;
  cancelled_at: string | null;
}

const MOVEMENT_COLUMNS = `seq, kind, delta, at, tx_id, block_number, store_id, ticket_id,
  transfer_id, counterparty_id, grant_id, original_ticket_id`;
const GRANT_COLUMNS = `grant_id, store_id, points, created_at, expires_at, status, used_at,
  points_redeemed, ticket_id, cancelled_at`;

/** Reads customers' points: balance, movement history, redemption grants. */
export class PointsQueries {
  private readonly stmt;

  constructor(db: Database.Database) {
    this.stmt = {
      balance: db.prepare(
        `SELECT balance, earned, received, given, redeemed, reversed
         FROM points_balance WHERE customer_id = ?`,
      ),
      movements: db.prepare(
        `SELECT ${MOVEMENT_COLUMNS} FROM points_movement
         WHERE customer_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
      ),
      feed: db.prepare(
        `SELECT ${MOVEMENT_COLUMNS} FROM points_movement
         WHERE customer_id = ? AND seq > ? AND seq <= ? ORDER BY seq`,
      ),
      head: db.prepare(`SELECT coalesce(max(seq), 0) AS head FROM points_movement`),
      byTx: db.prepare(
        `SELECT ${MOVEMENT_COLUMNS} FROM points_movement WHERE customer_id = ? AND tx_id = ?
         ORDER BY seq LIMIT 1`,
      ),
      grants: db.prepare(
        `SELECT ${GRANT_COLUMNS} FROM points_grant WHERE customer_id = ?
         ORDER BY created_at DESC, grant_id LIMIT ?`,
      ),
      grant: db.prepare(
        `SELECT ${GRANT_COLUMNS} FROM points_grant WHERE customer_id = ? AND grant_id = ?`,
      ),
    };
  }

  /** Balance and totals; zeros for a customer with no movement yet. */
  summary(customerId: string): PointsSummary {
    const row = this.stmt.balance.get(customerId) as Omit<PointsSummary, 'customerId'> | undefined;
    return {
      customerId,
      balance: row?.balance ?? 0,
      earned: row?.earned ?? 0,
      received: row?.received ?? 0,
      given: row?.given ?? 0,
      redeemed: row?.redeemed ?? 0,
      reversed: row?.reversed ?? 0,
    };
  }

  /**
   * Movements in ledger order.
   * @throws {CursorError} for a cursor this query did not issue.
   */
  movements(customerId: string, page: { cursor?: string; limit: number }): MovementViewPage {
    const [after] = page.cursor === undefined ? [0] : decodeCursor(page.cursor, ['number']);
    const rows = this.stmt.movements.all(customerId, after, page.limit + 1) as MovementRow[];
    const more = rows.length > page.limit;
    const served = more ? rows.slice(0, page.limit) : rows;
    const movements = served.map(toMovement);
    const last = served[served.length - 1];
    return more && last !== undefined
      ? { movements, nextCursor: encodeCursor([last.seq]) }
      : { movements };
  }

  /** A customer's movements with `after < seq <= upTo`: what the live stream sends. */
  movementsBetween(customerId: string, after: number, upTo: number): MovementView[] {
    return (this.stmt.feed.all(customerId, after, upTo) as MovementRow[]).map(toMovement);
  }

  /** The last movement's sequence (0 when none): where a new points stream starts. */
  head(): number {
    return (this.stmt.head.get() as { head: number }).head;
  }

  /** The customer's movement made by transaction `txId`, if there is one. */
  movementOf(customerId: string, txId: string): MovementView | undefined {
    const row = this.stmt.byTx.get(customerId, txId) as MovementRow | undefined;
    return row && toMovement(row);
  }

  /** The customer's grants, newest first; `now` decides which active ones have expired. */
  grants(customerId: string, now: Date, limit = 100): GrantView[] {
    return (this.stmt.grants.all(customerId, limit) as GrantRow[]).map((r) => toGrant(r, now));
  }

  /** One of the customer's grants. */
  grant(customerId: string, grantId: string, now: Date): GrantView | undefined {
    const row = this.stmt.grant.get(customerId, grantId) as GrantRow | undefined;
    return row && toGrant(row, now);
  }
}

function toMovement(row: MovementRow): MovementView {
  return {
    seq: row.seq,
    kind: row.kind,
    delta: row.delta,
    at: row.at,
    txId: row.tx_id,
    blockNumber: row.block_number,
    storeId: row.store_id,
    ticketId: row.ticket_id,
    transferId: row.transfer_id,
    counterpartyId: row.counterparty_id,
    grantId: row.grant_id,
    originalTicketId: row.original_ticket_id,
  };
}

function toGrant(row: GrantRow, now: Date): GrantView {
  const expired = row.status === 'active' && row.expires_at <= now.toISOString();
  return {
    grantId: row.grant_id,
    storeId: row.store_id,
    points: row.points,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    status: expired ? 'expired' : row.status,
    usedAt: row.used_at,
    pointsRedeemed: row.points_redeemed,
    ticketId: row.ticket_id,
    cancelledAt: row.cancelled_at,
  };
}
