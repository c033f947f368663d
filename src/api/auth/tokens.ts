import { createSigner, createVerifier, TokenError } from 'fast-jwt';
import { createHmac, randomBytes } from 'node:crypto';
import { linkSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  PERSON_ROLES,
  SUBJECT_ROLES,
  USERNAME_PATTERN,
  type Person,
  type PersonRole,
} from './person';

/** File in the data folder holding the token signing secret (mode 0600). */
export const TOKEN_KEY_FILE = 'token-key';
/** The `iss` claim of every token this server issues, and the only one it accepts. */
export const TOKEN_ISSUER = 'eter';
/** How long a token lives unless configured otherwise: 15 minutes. */
export const DEFAULT_TOKEN_TTL_SECONDS = 900;

const SECRET_BYTES = 32;
const ALGORITHM = 'HS256';
/** Three base64url segments: what a JWT looks like, as opposed to a terminal key `eter_<id>_<secret>`. */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** How a `TokenService` is set up. */
export interface TokenServiceOptions {
  /** Lifetime of an issued token in seconds (default 900). */
  readonly ttlSeconds?: number;
  /** The clock, in milliseconds since the epoch; tests set it to issue or check tokens at another time. */
  readonly now?: () => number;
}

/** A token as handed to a person who logged in. */
export interface IssuedToken {
  readonly token: string;
  /** When the token stops being accepted, ISO 8601. */
  readonly expiresAt: string;
  readonly person: Person;
}

/** A token that verified: whom it was issued to, and under which of the login's generations. */
export interface VerifiedToken {
  readonly person: Person;
  /** Accepted only while it equals the login's current generation (`UserStore.tokenGeneration`). */
  readonly generation: number;
}

/** Why a token was refused: `expired`, or `invalid` for anything else (bad signature, issuer, claims, shape). */
export type TokenRejection = 'expired' | 'invalid';

/** A token that must not be accepted; `reason` tells an expired one from a bad one. */
export class InvalidTokenError extends Error {
  constructor(
    readonly reason: TokenRejection,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

interface Claims {
  readonly iss: string;
  readonly sub: string;
  readonly role: PersonRole;
  readonly subjectId: string | null;
  /** The login's token generation when it was issued: bumping it revokes the token. */
  readonly gen: number;
  readonly iat: number;
  readonly exp: number;
}

/**
 * Short-lived login tokens: JWTs signed with HS256 under a 256-bit secret
 * that only this server holds, carrying who the person is (`sub`, `role`,
 * `subjectId`) and the login's token generation (`gen`). The signature
 * and expiry are checked here; the login hook also checks, on every
 * request, that the login is active and still at that generation, which is
 * how logout, a password change and disabling revoke tokens before they
 * expire.
 */
export class TokenService {
  private readonly ttlSeconds: number;
  private readonly now: () => number;
  private readonly sign: (claims: Claims) => string;
  private readonly fixedVerifier: ((token: string) => unknown) | undefined;

  /**
   * Signs and checks with the secret kept in `dataDir/token-key`, created on first use.
   * @throws {Error} when the key file exists but holds fewer than 32 bytes.
   */
  static open(dataDir: string, options: TokenServiceOptions = {}): TokenService {
    return new TokenService(loadOrCreateSecret(join(dataDir, TOKEN_KEY_FILE)), options);
  }

  /** Signs and checks with `secret` (at least 32 bytes). */
  constructor(
    private readonly secret: Buffer,
    options: TokenServiceOptions = {},
  ) {
    if (secret.length < SECRET_BYTES)
      throw new Error(`a token signing secret needs at least ${SECRET_BYTES} bytes`);
    const ttl = options.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
    if (!Number.isInteger(ttl) || ttl < 1)
      throw new RangeError(`ttlSeconds must be a positive integer, not ${ttl}`);
    this.ttlSeconds = ttl;
    this.now = options.now ?? Date.now;
    // issue() sets iat and exp from this service's clock; the signer keeps them as given.
    this.sign = createSigner<Claims>({ key: secret, algorithm: ALGORITHM });
    // fast-jwt reads the clock when a verifier is made, not per call: a verifier with the real clock is made once.
    this.fixedVerifier = options.now === undefined ? this.verifier(undefined) : undefined;
  }

  /** Whether a bearer credential has the shape of a JWT (and so is this service's to judge). */
  static looksLikeToken(credential: string): boolean {
    return JWT_SHAPE.test(credential);
  }

  /**
   * Issues a token for a person who has just proved who they are, under
   * the login's current token generation (read before the password was
   * checked, so that a change meanwhile leaves this token revoked).
   */
  issue(person: Person, generation = 0): IssuedToken {
    const iat = Math.floor(this.now() / 1000);
    const exp = iat + this.ttlSeconds;
    const token = this.sign({
      iss: TOKEN_ISSUER,
      sub: person.username,
      role: person.role,
      subjectId: person.subjectId,
      gen: generation,
      iat,
      exp,
    });
    return {
      token,
      expiresAt: new Date(exp * 1000).toISOString(),
      person: { username: person.username, role: person.role, subjectId: person.subjectId },
    };
  }

  /**
   * The person a token was issued to.
   * @throws {InvalidTokenError} for an expired, tampered, foreign or malformed token.
   */
  verify(token: string): Person {
    return this.check(token).person;
  }

  /**
   * The person a token was issued to, and its generation.
   * @throws {InvalidTokenError} for an expired, tampered, foreign or malformed token.
   */
  check(token: string): VerifiedToken {
    let claims: unknown;
    try {
      claims = (this.fixedVerifier ?? this.verifier(this.now()))(token);
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      if (error.code === TokenError.codes.expired)
        throw new InvalidTokenError('expired', 'the token has expired: log in again');
      throw new InvalidTokenError('invalid', 'the token is not valid');
    }
    const person = personFromClaims(claims);
    const generation = (claims as { gen?: unknown }).gen;
    if (person === undefined || !Number.isSafeInteger(generation) || (generation as number) < 0)
      throw new InvalidTokenError('invalid', 'the token is not valid');
    return { person, generation: generation as number };
  }

  /**
   * The CSRF token bound to a session's login token: an HMAC of it under
   * this service's secret, so that only this server can make one and it
   * changes with every login (see auth/session-cookie.ts).
   */
  csrfToken(token: string): string {
    return createHmac('sha256', this.secret).update(`csrf:${token}`).digest('base64url');
  }

  private verifier(clockTimestamp: number | undefined): (token: string) => unknown {
    return createVerifier({
      key: this.secret,
      // Only HS256: a token naming `none` or a public-key algorithm is refused, not re-interpreted.
      algorithms: [ALGORITHM],
      allowedIss: TOKEN_ISSUER,
      requiredClaims: ['iss', 'sub', 'exp', 'iat', 'role', 'gen'],
      ...(clockTimestamp === undefined ? {} : { clockTimestamp }),
    });
  }
}

/** The person in verified claims; `undefined` when they do not describe one this server would issue. */
function personFromClaims(claims: unknown): Person | undefined {
  if (claims === null || typeof claims !== 'object') return undefined;
  const { sub, role, subjectId } = claims as Record<string, unknown>;
  if (typeof sub !== 'string' || !USERNAME_PATTERN.test(sub)) return undefined;
  if (!PERSON_ROLES.includes(role as PersonRole)) return undefined;
  const needsSubject = SUBJECT_ROLES.has(role as PersonRole);
  if (needsSubject ? typeof subjectId !== 'string' : subjectId !== null) return undefined;
  return { username: sub, role: role as PersonRole, subjectId: subjectId as string | null };
}

/**
 * Reads the signing secret, or creates it (32 random bytes, 0600) when there
 * is none yet. Like the node key, a secret others could read is refused:
 * whoever reads it can sign tokens for anyone.
 */
function loadOrCreateSecret(file: string): Buffer {
  // Written aside and linked into place: link() fails when the file exists, so two processes
  // starting at once neither overwrite each other's secret nor read a half-written one.
  const draft = `${file}.${process.pid}.new`;
  writeFileSync(draft, randomBytes(SECRET_BYTES), { mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(draft);
  }
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0)
    throw new Error(
      `token key ${file} has mode ${mode.toString(8)}; it must be 600 (chmod 600 ${file})`,
    );
  const secret = readFileSync(file);
  if (secret.length < SECRET_BYTES)
    throw new Error(
      `${file} holds ${secret.length} bytes; a token signing secret needs ${SECRET_BYTES}`,
    );
  return secret;
}
