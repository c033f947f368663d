import type Database from 'better-sqlite3';
import { decodeCursor, encodeCursor } from './cursor';

/** A customer's points as the read model has them. */
export interface PointsSummary {
  readonly customerId: string;
  readonly balance: number;
  /** All points ever earned. */
  readonly earned: number;
}

/** One change of a customer's points, with the transaction that made it. */
export interface MovementView {
  readonly kind: string;
  readonly delta: number;
  readonly at: string;
  readonly txId: string;
  readonly blockNumber: number;
  readonly storeId: string | null;
  readonly ticketId: string | null;
}

/** A page of movements, oldest first. */
export interface MovementViewPage {
  readonly movements: MovementView[];
  readonly nextCursor?: string;
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
}

/** Reads customers' points: balance and movement history. */
export class PointsQueries {
  private readonly stmt;

  constructor(db: Database.Database) {
    this.stmt = {
      balance: db.prepare(`SELECT balance, earned FROM points_balance WHERE customer_id = ?`),
      movements: db.prepare(
        `SELECT seq, kind, delta, at, tx_id, block_number, store_id, ticket_id
         FROM points_movement WHERE customer_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
      ),
    };
  }

  /** Balance and total earned; zeros for a customer with no movement yet. */
  summary(customerId: string): PointsSummary {
    const row = this.stmt.balance.get(customerId) as
      { balance: number; earned: number } | undefined;
    return { customerId, balance: row?.balance ?? 0, earned: row?.earned ?? 0 };
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
    const movements = served.map((row) => ({
      kind: row.kind,
      delta: row.delta,
      at: row.at,
      txId: row.tx_id,
      blockNumber: row.block_number,
      storeId: row.store_id,
      ticketId: row.ticket_id,
    }));
    const last = served[served.length - 1];
    return more && last !== undefined
      ? { movements, nextCursor: encodeCursor([last.seq]) }
      : { movements };
  }
}
