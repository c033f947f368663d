import { randomBytes } from 'node:crypto';

/** A new grant's default life: long enough to walk to the till. */
export const DEFAULT_GRANT_TTL_SECONDS = 900;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A grant code: 120 random bits as 24 base32 characters, easy to read out or type. */
export function newGrantCode(): string {
  const bytes = randomBytes(15);
  let bits = 0;
  let value = 0;
  let code = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      code += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return code;
}
