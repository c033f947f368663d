import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { promisify } from 'node:util';
import { LineFullError, Slots } from '../slots';

/**
 * Password hashing with scrypt (RFC 7914), kept as a self-describing string
 * `scrypt$<log2 N>$<r>$<p>$<salt base64>$<hash base64>` so that the cost can
 * be raised later without breaking stored hashes: each one carries its own
 * parameters, and `needsRehash` tells which are behind the current ones.
 */

/** The parameters new hashes are made with. */
export interface ScryptParameters {
  /** log2 of the CPU/memory cost N. */
  readonly log2N: number;
  /** Block size. */
  readonly r: number;
  /** Parallelism. */
  readonly p: number;
}

/**
 * N = 2^15, r = 8, p = 3: OWASP's minimum for 32 MiB per hash (its
 * equivalents are 2^17/8/1 at 128 MiB, 2^14/8/5 at 16 MiB). The three passes
 * run one after the other in the same memory: a login costs ~270 ms of one
 * core here. Not 16 MiB: glibc serves an allocation that size from the
 * thread's arena after the first one is freed, and keeps it; one of more
 * than 32 MiB is always mapped and unmapped (docs/benchmarks.md).
 */
export const SCRYPT_PARAMETERS: ScryptParameters = { log2N: 15, r: 8, p: 3 };

const SALT_BYTES = 16;
const HASH_BYTES = 32;
/** Bounds on what a stored hash may ask for, so that a tampered row cannot make one login cost gigabytes. */
const LIMITS = { log2N: [10, 20], r: [1, 32], p: [1, 16] } as const;

/**
 * Too many hashes already waiting their turn: a flood of logins. Answer
 * "try again shortly" (the login route's 503) rather than queue without end.
 */
export class PasswordHashingBusyError extends Error {
  constructor(readonly waiting: number) {
    super(`${waiting} password hashes are already waiting`);
    this.name = 'PasswordHashingBusyError';
  }
}

/** A stored hash that is not in the `scrypt$…` encoding: the data is damaged, not the password wrong. */
export class PasswordHashFormatError extends Error {
  constructor(reason: string) {
    super(`stored password hash is unreadable: ${reason}`);
    this.name = 'PasswordHashFormatError';
  }
}

/** Hashes a password with a fresh random salt; resolves to the encoded string to store. */
export async function hashPassword(
  password: string,
  parameters: ScryptParameters = SCRYPT_PARAMETERS,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, HASH_BYTES, parameters);
  const { log2N, r, p } = parameters;
  return `scrypt$${log2N}$${r}$${p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/**
 * Whether `password` is the one `encoded` was made from, compared in constant time.
 * @throws {PasswordHashFormatError} when `encoded` cannot be read.
 */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const stored = decode(encoded);
  const hash = await derive(password, stored.salt, stored.hash.length, stored.parameters);
  return timingSafeEqual(hash, stored.hash);
}

/**
 * Whether a stored hash was made with other parameters than the current
 * ones, and should be replaced the next time its password is known.
 * @throws {PasswordHashFormatError} when `encoded` cannot be read.
 */
export function needsRehash(
  encoded: string,
  parameters: ScryptParameters = SCRYPT_PARAMETERS,
): boolean {
  const stored = decode(encoded).parameters;
  return (
    stored.log2N !== parameters.log2N || stored.r !== parameters.r || stored.p !== parameters.p
  );
}

function decode(encoded: string): {
  parameters: ScryptParameters;
  salt: Buffer;
  hash: Buffer;
} {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt')
    throw new PasswordHashFormatError('expected scrypt$N$r$p$salt$hash');
  const [log2N, r, p] = parts.slice(1, 4).map((part) => (/^\d{1,2}$/.test(part) ? +part : NaN));
  const parameters = { log2N: log2N!, r: r!, p: p! };
  for (const name of ['log2N', 'r', 'p'] as const) {
    const [min, max] = LIMITS[name];
    const value = parameters[name];
    if (!(value >= min && value <= max))
      throw new PasswordHashFormatError(`${name} must be ${min} to ${max}`);
  }
  const salt = strictBase64(parts[4]!, 'salt');
  const hash = strictBase64(parts[5]!, 'hash');
  if (salt.length < SALT_BYTES) throw new PasswordHashFormatError('salt too short');
  if (hash.length < 16) throw new PasswordHashFormatError('hash too short');
  return { parameters, salt, hash };
}

/** Node's base64 decoder skips characters it does not know; a tampered encoding must not pass as another value. */
function strictBase64(text: string, what: string): Buffer {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64') !== text) throw new PasswordHashFormatError(`${what} is not base64`);
  return bytes;
}

// The asynchronous form runs on libuv's thread pool, so hashing never blocks the event loop.
const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  length: number,
  options: ScryptOptions,
) => Promise<Buffer>;

/**
 * Hashes running at once, and waiting. Each holds 128·N·r bytes (32 MiB)
 * while it runs, and libuv's pool would run four: a burst of logins took a
 * fresh server from 199 to 323 MB (docs/benchmarks.md). One at a time
 * bounds what a flood of logins costs in memory to one hash; 32 waiting is
 * about nine seconds of hashing, and beyond that a login is refused at once
 * ({@link PasswordHashingBusyError}) rather than left waiting for minutes.
 */
const hashes = new Slots(1, 32);

function derive(
  password: string,
  salt: Buffer,
  length: number,
  { log2N, r, p }: ScryptParameters,
): Promise<Buffer> {
  const N = 2 ** log2N;
  // scrypt needs 128 * N * r bytes and a little more; Node's default ceiling (32 MiB) would refuse the upper bounds stored hashes may ask for.
  // NFC (RFC 8265): the same password typed on two keyboards gives the same bytes.
  return hashes
    .run(() =>
      scryptAsync(password.normalize('NFC'), salt, length, {
        N,
        r,
        p,
        maxmem: 256 * N * r,
      }),
    )
    .catch((error: unknown) => {
      throw error instanceof LineFullError ? new PasswordHashingBusyError(error.waiting) : error;
    });
}
