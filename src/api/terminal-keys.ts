import Database from 'better-sqlite3';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync } from 'node:fs';

/** A point-of-sale terminal's API key, as listed (never with its secret). */
export interface TerminalKey {
  readonly keyId: string;
  readonly storeId: string;
  readonly terminalId: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

/** Who a valid key belongs to. */
export interface TerminalPrincipal {
  readonly keyId: string;
  readonly storeId: string;
  readonly terminalId: string;
}

const KEY_PATTERN = /^eter_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** Keys remembered as verified, at most (the cache starts over when full). */
const MAX_REMEMBERED = 10_000;

/**
 * Per-terminal API keys, kept off the ledger in the server's own database.
 * A key is `eter_<keyId>_<secret>`: the secret (256 random bits) is shown
 * once at creation and stored only as its SHA-256 (a slow password hash adds
 * nothing for a random 256-bit secret, and would cost every request). A key
 * is bound to one store and terminal, and can be revoked.
 */
export class TerminalKeyStore {
  private readonly db: Database.Database;
  private readonly stmt;
  /** Presented key to its principal and until when (ms) it stands verified. */
  private readonly verified = new Map<string, { principal: TerminalPrincipal; until: number }>();

  /**
   * @param rememberMs how long a verified key is taken on trust without
   *   reading the database again (a terminal sends many tickets a minute;
   *   each check is a hash and a read on the intake thread). A revocation by
   *   this store takes effect at once; one by another process (the CLI)
   *   within this time. 0 checks every request.
   */
  constructor(
    file: string,
    private readonly rememberMs = 2000,
  ) {
    this.db = new Database(file);
    try {
      chmodSync(file, 0o600);
    } catch {
      // In-memory databases have no file.
    }
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS terminal_key (
      key_id      TEXT PRIMARY KEY,
      store_id    TEXT NOT NULL,
      terminal_id TEXT NOT NULL,
      secret_hash BLOB NOT NULL,
      created_at  TEXT NOT NULL,
      revoked_at  TEXT
    )`);
    this.stmt = {
      insert: this.db.prepare(
        `INSERT INTO terminal_key (key_id, store_id, terminal_id, secret_hash, created_at) VALUES (?, ?, ?, ?, ?)`,
      ),
      byId: this.db.prepare(`SELECT * FROM terminal_key WHERE key_id = ?`),
      list: this.db.prepare(
        `SELECT key_id, store_id, terminal_id, created_at, revoked_at FROM terminal_key ORDER BY created_at, key_id`,
      ),
      revoke: this.db.prepare(
        `UPDATE terminal_key SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL`,
      ),
    };
  }

  /** Creates a key for a terminal of a store; the returned `apiKey` is the only copy of the secret. */
  create(storeId: string, terminalId: string): { apiKey: string; key: TerminalKey } {
    const keyId = randomBytes(8).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const createdAt = new Date().toISOString();
    this.stmt.insert.run(keyId, storeId, terminalId, digest(secret), createdAt);
    return {
      apiKey: `eter_${keyId}_${secret}`,
      key: { keyId, storeId, terminalId, createdAt, revokedAt: null },
    };
  }

  /** The terminal a presented key belongs to; `undefined` for a malformed, unknown or revoked key. */
  authenticate(apiKey: string): TerminalPrincipal | undefined {
    const now = this.rememberMs > 0 ? Date.now() : 0;
    const remembered = this.verified.get(apiKey);
    if (remembered !== undefined && remembered.until > now) return remembered.principal;
    const principal = this.check(apiKey);
    if (principal === undefined || this.rememberMs <= 0) return principal;
    if (this.verified.size >= MAX_REMEMBERED) this.verified.clear();
    this.verified.set(apiKey, { principal, until: now + this.rememberMs });
    return principal;
  }

  private check(apiKey: string): TerminalPrincipal | undefined {
    const match = KEY_PATTERN.exec(apiKey);
    if (match === null) return undefined;
    const row = this.stmt.byId.get(match[1]) as
      | {
          key_id: string;
          store_id: string;
          terminal_id: string;
          secret_hash: Buffer;
          revoked_at: string | null;
        }
      | undefined;
    if (row === undefined || row.revoked_at !== null) return undefined;
    if (!timingSafeEqual(row.secret_hash, digest(match[2]!))) return undefined;
    return { keyId: row.key_id, storeId: row.store_id, terminalId: row.terminal_id };
  }

  /** Every key, revoked ones included. */
  list(): TerminalKey[] {
    return (
      this.stmt.list.all() as Array<{
        key_id: string;
        store_id: string;
        terminal_id: string;
        created_at: string;
        revoked_at: string | null;
      }>
    ).map((r) => ({
      keyId: r.key_id,
      storeId: r.store_id,
      terminalId: r.terminal_id,
      createdAt: r.created_at,
      revokedAt: r.revoked_at,
    }));
  }

  /** Revokes a key; false when there is no such active key. */
  revoke(keyId: string): boolean {
    for (const [apiKey, { principal }] of this.verified) {
      if (principal.keyId === keyId) this.verified.delete(apiKey);
    }
    return this.stmt.revoke.run(new Date().toISOString(), keyId).changes === 1;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function digest(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}
