import Database from 'better-sqlite3';
import { randomBytes, randomInt } from 'node:crypto';
import { chmodSync } from 'node:fs';
import { hashPassword, needsRehash, PasswordHashingBusyError, verifyPassword } from './password';
import {
  PERSON_ROLES,
  SUBJECT_ROLES,
  USERNAME_PATTERN,
  type Person,
  type PersonRole,
} from './person';

/** New logins start at a random token generation below this (2^47: far from any bumped one). */
const FIRST_GENERATION_BOUND = 2 ** 47;

/** Shortest password accepted. */
export const MIN_PASSWORD_LENGTH = 8;
/** Longest password accepted: far beyond any passphrase, short of a denial of service. */
export const MAX_PASSWORD_LENGTH = 1024;
/** A participant id on the ledger (store, retailer, manufacturer or pseudonymous customer id). */
const SUBJECT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A person's login as listed: never with its password hash. */
export interface PersonLogin extends Person {
  readonly createdAt: string;
  readonly disabledAt: string | null;
}

/** What `UserStore.create` takes; role and subject are checked, not trusted. */
export interface NewPersonLogin {
  readonly username: string;
  readonly password: string;
  readonly role: string;
  /** Required for customer, store and manufacturer logins; absent for auditors and operators. */
  readonly subjectId?: string | null;
}

/** A field of a login that can be refused. */
export type LoginField = 'username' | 'password' | 'role' | 'subjectId';

/** One refused field, the rule it broke, and words for people. */
export interface LoginFieldError {
  readonly field: LoginField;
  readonly rule: string;
  readonly message: string;
}

/** A login refused before anything was stored; `errors` names every bad field. */
export class InvalidLoginError extends Error {
  constructor(readonly errors: readonly LoginFieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
    this.name = 'InvalidLoginError';
  }
}

/** A username that is already taken (disabled logins keep theirs). */
export class LoginExistsError extends Error {
  constructor(readonly username: string) {
    super(`username: ${username} is already taken`);
    this.name = 'LoginExistsError';
  }
}

interface Row {
  username: string;
  password_hash: string;
  role: PersonRole;
  subject_id: string | null;
  created_at: string;
  disabled_at: string | null;
  token_generation: number;
}

/**
 * People's logins, kept off the ledger in the server's access database
 * (the file `TerminalKeyStore` uses, through a connection of its own).
 * Only scrypt hashes are stored; a login's link to a ledger participant
 * (`subjectId`) is recorded as given and not checked against the ledger,
 * which a running server may hold locked.
 */
export class UserStore {
  private readonly db: Database.Database;
  private readonly stmt;
  /** A hash no password matches, checked for unknown usernames so that they take as long as known ones. */
  private decoy: Promise<string> | undefined;

  constructor(file: string) {
    this.db = new Database(file);
    try {
      chmodSync(file, 0o600);
    } catch {
      // In-memory databases have no file.
    }
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS person_login (
      username      TEXT PRIMARY KEY,
      password_hash TEXT NOT NULL,
      role          TEXT NOT NULL,
      subject_id    TEXT,
      created_at    TEXT NOT NULL,
      disabled_at   TEXT
    )`);
    // Access databases made before token revocation get the column, at generation 0.
    const columns = this.db.pragma('table_info(person_login)') as Array<{ name: string }>;
    if (!columns.some((c) => c.name === 'token_generation'))
      this.db.exec(
        `ALTER TABLE person_login ADD COLUMN token_generation INTEGER NOT NULL DEFAULT 0`,
      );
    this.stmt = {
      insert: this.db.prepare(
        `INSERT INTO person_login (username, password_hash, role, subject_id, created_at, token_generation)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      ofSubject: this.db.prepare(
        `SELECT username FROM person_login WHERE role = ? AND subject_id = ? ORDER BY username`,
      ),
      delete: this.db.prepare(`DELETE FROM person_login WHERE username = ?`),
      byName: this.db.prepare(`SELECT * FROM person_login WHERE username = ?`),
      list: this.db.prepare(
        `SELECT username, role, subject_id, created_at, disabled_at FROM person_login ORDER BY username`,
      ),
      disable: this.db.prepare(
        `UPDATE person_login SET disabled_at = ?, token_generation = token_generation + 1
         WHERE username = ? AND disabled_at IS NULL`,
      ),
      rehash: this.db.prepare(`UPDATE person_login SET password_hash = ? WHERE username = ?`),
      setPassword: this.db.prepare(
        `UPDATE person_login SET password_hash = ?, token_generation = token_generation + 1
         WHERE username = ?`,
      ),
      revoke: this.db.prepare(
        `UPDATE person_login SET token_generation = token_generation + 1 WHERE username = ?`,
      ),
    };
  }

  /**
   * Adds a login.
   * @throws {InvalidLoginError} naming every bad field and its rule.
   * @throws {LoginExistsError} when the username is taken.
   */
  async create(login: NewPersonLogin): Promise<PersonLogin> {
    const errors = [
      ...usernameErrors(login.username),
      ...passwordErrors(login.password),
      ...roleErrors(login.role, login.subjectId),
    ];
    if (errors.length > 0) throw new InvalidLoginError(errors);
    if (this.row(login.username) !== undefined) throw new LoginExistsError(login.username);
    const hash = await hashPassword(login.password);
    const createdAt = new Date().toISOString();
    const subjectId = login.subjectId ?? null;
    try {
      // A random first generation: a username freed by `deleteLoginsOf` may be taken again, and
      // the tokens of the deleted login (at its own generations) must not pass for the new one's.
      const generation = randomInt(FIRST_GENERATION_BOUND);
      this.stmt.insert.run(login.username, hash, login.role, subjectId, createdAt, generation);
    } catch (error) {
      // Another process took the name while this one was hashing.
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
        throw new LoginExistsError(login.username);
      throw error;
    }
    return {
      username: login.username,
      role: login.role as PersonRole,
      subjectId,
      createdAt,
      disabledAt: null,
    };
  }

  /**
   * The person a username and password belong to; `undefined` for an
   * unknown username, a wrong password or a disabled login, all three
   * after the same amount of hashing.
   */
  async authenticate(username: string, password: string): Promise<Person | undefined> {
    const row = this.row(username);
    const matches = await verifyPassword(password, row?.password_hash ?? (await this.decoyHash()));
    if (!matches || row === undefined || row.disabled_at !== null) return undefined;
    if (needsRehash(row.password_hash)) await this.rehash(row.username, password);
    return { username: row.username, role: row.role, subjectId: row.subject_id };
  }

  /** Stores a hash with today's parameters; left for the next login when hashing is flooded. */
  private async rehash(username: string, password: string): Promise<void> {
    try {
      this.stmt.rehash.run(await hashPassword(password), username);
    } catch (error) {
      if (!(error instanceof PasswordHashingBusyError)) throw error;
    }
  }

  /** Whether a username names a login that exists and is not disabled. */
  isActive(username: string): boolean {
    return this.tokenGeneration(username) !== undefined;
  }

  /**
   * The generation a login's tokens must carry to be accepted; `undefined`
   * for an unknown or disabled login, whose tokens are all refused. Read on
   * every request that carries a token: revoking tokens is bumping it.
   */
  tokenGeneration(username: string): number | undefined {
    const row = this.row(username);
    return row === undefined || row.disabled_at !== null ? undefined : row.token_generation;
  }

  /**
   * Revokes every token issued to a login so far (logout; also done by
   * `disable` and `setPassword`); false when there is no such login.
   */
  revokeTokens(username: string): boolean {
    if (!USERNAME_PATTERN.test(username)) return false;
    return this.stmt.revoke.run(username).changes === 1;
  }

  /**
   * Deletes every login of `role` acting for participant `subjectId` (an erased customer's:
   * nothing of them is kept, not their username), and so refuses their tokens and sessions
   * from the next request on: a token whose login is gone is refused like a disabled one's.
   * @returns the usernames deleted.
   */
  deleteLoginsOf(role: PersonRole, subjectId: string): string[] {
    return this.db.transaction(() => {
      const rows = this.stmt.ofSubject.all(role, subjectId) as Array<{ username: string }>;
      for (const { username } of rows) this.stmt.delete.run(username);
      return rows.map((r) => r.username);
    })();
  }

  /** Every login, disabled ones included, by username. */
  list(): PersonLogin[] {
    return (this.stmt.list.all() as Row[]).map((r) => ({
      username: r.username,
      role: r.role,
      subjectId: r.subject_id,
      createdAt: r.created_at,
      disabledAt: r.disabled_at,
    }));
  }

  /**
   * Disables a login for good (its username stays taken) and revokes its
   * tokens; false when there is no such active login.
   */
  disable(username: string): boolean {
    return this.stmt.disable.run(new Date().toISOString(), username).changes === 1;
  }

  /**
   * Replaces a login's password and revokes the tokens issued under the
   * old one; false when there is no such login.
   * @throws {InvalidLoginError} when the password breaks a rule.
   */
  async setPassword(username: string, password: string): Promise<boolean> {
    const errors = passwordErrors(password);
    if (errors.length > 0) throw new InvalidLoginError(errors);
    if (this.row(username) === undefined) return false;
    return this.stmt.setPassword.run(await hashPassword(password), username).changes === 1;
  }

  /** Closes the connection; the store cannot be used afterwards. */
  close(): void {
    if (this.db.open) this.db.close();
  }

  private row(username: string): Row | undefined {
    if (!USERNAME_PATTERN.test(username)) return undefined;
    return this.stmt.byName.get(username) as Row | undefined;
  }

  private decoyHash(): Promise<string> {
    // Not kept when refused in a flood of logins: the next unknown username makes it.
    this.decoy ??= hashPassword(randomBytes(32).toString('base64')).catch((error: unknown) => {
      this.decoy = undefined;
      throw error;
    });
    return this.decoy;
  }
}

function usernameErrors(username: unknown): LoginFieldError[] {
  if (typeof username === 'string' && USERNAME_PATTERN.test(username)) return [];
  return [
    {
      field: 'username',
      rule: 'pattern',
      message:
        '3 to 64 characters: lower-case letters, digits, . _ -, starting with a letter or digit',
    },
  ];
}

function passwordErrors(password: unknown): LoginFieldError[] {
  if (typeof password !== 'string')
    return [{ field: 'password', rule: 'type', message: 'must be a string' }];
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH)
    return [
      {
        field: 'password',
        rule: 'minLength',
        message: `must be at least ${MIN_PASSWORD_LENGTH} characters`,
      },
    ];
  if (length > MAX_PASSWORD_LENGTH)
    return [
      {
        field: 'password',
        rule: 'maxLength',
        message: `must be at most ${MAX_PASSWORD_LENGTH} characters`,
      },
    ];
  return [];
}

function roleErrors(role: unknown, subjectId: unknown): LoginFieldError[] {
  if (!PERSON_ROLES.includes(role as PersonRole))
    return [{ field: 'role', rule: 'enum', message: `must be one of ${PERSON_ROLES.join(', ')}` }];
  const needsSubject = SUBJECT_ROLES.has(role as PersonRole);
  const hasSubject = subjectId !== undefined && subjectId !== null;
  if (needsSubject && !hasSubject)
    return [
      {
        field: 'subjectId',
        rule: 'required',
        message: `${String(role)} logins act for one participant: give its id`,
      },
    ];
  if (!needsSubject && hasSubject)
    return [
      {
        field: 'subjectId',
        rule: 'forbidden',
        message: `${String(role)} logins see across participants and take no participant id`,
      },
    ];
  if (hasSubject && !(typeof subjectId === 'string' && SUBJECT_PATTERN.test(subjectId)))
    return [
      {
        field: 'subjectId',
        rule: 'pattern',
        message: '1 to 64 characters: letters, digits, . _ -, starting with a letter or digit',
      },
    ];
  return [];
}
