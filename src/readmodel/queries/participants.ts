import type Database from 'better-sqlite3';

/** A participant as the operator lists it. */
export interface ParticipantView {
  readonly kind: 'store' | 'manufacturer' | 'customer';
  readonly id: string;
  readonly name: string | null;
  readonly status: string;
  readonly registeredAt: string;
  /** The ledger record (rate, prefixes...). */
  readonly record: Record<string, unknown>;
}

/** Reads the participants the ledger has registered. */
export class ParticipantQueries {
  private readonly stmt;

  constructor(db: Database.Database) {
    this.stmt = {
      list: db.prepare(
        `SELECT kind, id, name, status, registered_at, record FROM participant
         WHERE kind = ? AND id > ? ORDER BY id LIMIT ?`,
      ),
      one: db.prepare(
        `SELECT kind, id, name, status, registered_at, record FROM participant
         WHERE kind = ? AND id = ?`,
      ),
      retailerOf: db
        .prepare(`SELECT retailer_id FROM participant WHERE kind = 'store' AND id = ?`)
        .pluck(),
      storesOf: db.prepare(`SELECT id FROM participant WHERE retailer_id = ? ORDER BY id`).pluck(),
    };
  }

  /** The retailer a store belongs to, if the store is registered. */
  retailerOf(storeId: string): string | undefined {
    return (this.stmt.retailerOf.get(storeId) as string | null | undefined) ?? undefined;
  }

  /** The stores of a retailer, by id (none for an unknown retailer). */
  storesOf(retailerId: string): string[] {
    return this.stmt.storesOf.all(retailerId) as string[];
  }

  /** Participants of a kind, by id, after `afterId`. */
  list(kind: ParticipantView['kind'], afterId: string, limit: number): ParticipantView[] {
    return (this.stmt.list.all(kind, afterId, limit) as Row[]).map(view);
  }

  /** One participant, if registered. */
  one(kind: ParticipantView['kind'], id: string): ParticipantView | undefined {
    const row = this.stmt.one.get(kind, id) as Row | undefined;
    return row === undefined ? undefined : view(row);
  }
}

interface Row {
  kind: ParticipantView['kind'];
  id: string;
  name: string | null;
  status: string;
  registered_at: string;
  record: string;
}

function view(row: Row): ParticipantView {
  return {
    kind: row.kind,
    id: row.id,
    name: row.name,
    status: row.status,
    registeredAt: row.registered_at,
    record: JSON.parse(row.record) as Record<string, unknown>,
  };
}
