import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  hashPassword,
  needsRehash,
  PasswordHashFormatError,
  PasswordHashingBusyError,
  SCRYPT_PARAMETERS,
  verifyPassword,
} from './password';

describe('password hashing', () => {
  it('verifies the password a hash was made from, and no other', async () => {
    const encoded = await hashPassword('correct horse battery staple');
    assert.equal(await verifyPassword('correct horse battery staple', encoded), true);
    assert.equal(await verifyPassword('correct horse battery stapler', encoded), false);
    assert.equal(await verifyPassword('', encoded), false);
  });

  it('writes its parameters into the hash, which never holds the password', async () => {
    const encoded = await hashPassword('s3cret-passphrase');
    const { log2N, r, p } = SCRYPT_PARAMETERS;
    assert.match(
      encoded,
      new RegExp(`^scrypt\\$${log2N}\\$${r}\\$${p}\\$[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+$`),
    );
    assert.ok(!encoded.includes('s3cret'));
    assert.equal(needsRehash(encoded), false);
    assert.equal(needsRehash(encoded, { ...SCRYPT_PARAMETERS, log2N: log2N + 1 }), true);
  });

  it('salts every hash afresh: one password, two different hashes, both valid', async () => {
    const [a, b] = await Promise.all([
      hashPassword('same password'),
      hashPassword('same password'),
    ]);
    assert.notEqual(a, b);
    assert.notEqual(a.split('$')[4], b.split('$')[4]);
    assert.equal(await verifyPassword('same password', a), true);
    assert.equal(await verifyPassword('same password', b), true);
  });

  it('verifies hashes made with other parameters, as stored', async () => {
    const cheap = await hashPassword('older password', { log2N: 10, r: 8, p: 1 });
    assert.match(cheap, /^scrypt\$10\$8\$1\$/);
    assert.equal(await verifyPassword('older password', cheap), true);
    assert.equal(needsRehash(cheap), true);
  });

  it('hashes one at a time, lets 32 wait, and refuses the next at once', async () => {
    const cheap = { log2N: 10, r: 8, p: 1 };
    // Asked in one turn: the first runs, 32 wait, the 34th finds the line full.
    const hashes = Array.from({ length: 34 }, (_, i) => hashPassword(`password ${i}`, cheap));
    const outcomes = await Promise.allSettled(hashes);
    assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 33);
    const refused = outcomes[33]!;
    assert.equal(refused.status, 'rejected');
    assert.ok(refused.reason instanceof PasswordHashingBusyError);
    // The line empties as hashes finish.
    assert.equal(await verifyPassword('again', await hashPassword('again', cheap)), true);
  });

  it('treats the same text in two Unicode forms as one password', async () => {
    const composed = 'caf\u00e9 au lait';
    const decomposed = 'cafe\u0301 au lait';
    assert.equal(await verifyPassword(decomposed, await hashPassword(composed)), true);
  });

  it('refuses a tampered hash or salt as a wrong password', async () => {
    const encoded = await hashPassword('tamper with me');
    const parts = encoded.split('$');
    const flip = (b64: string) => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[0]! ^= 1;
      return bytes.toString('base64');
    };
    for (const index of [4, 5]) {
      const tampered = parts.map((part, i) => (i === index ? flip(part) : part)).join('$');
      assert.equal(await verifyPassword('tamper with me', tampered), false, `part ${index}`);
    }
    // Other parameters derive another key from the same password and salt.
    const otherCost = ['scrypt', '14', ...parts.slice(2)].join('$');
    assert.equal(await verifyPassword('tamper with me', otherCost), false);
  });

  it('throws on an encoding it cannot read rather than calling it a wrong password', async () => {
    const encoded = await hashPassword('unreadable');
    const [, , , , salt, hash] = encoded.split('$');
    const bad = [
      '',
      'plain-text-password',
      `bcrypt$15$8$1$${salt}$${hash}`,
      `scrypt$15$8$1$${salt}`,
      `scrypt$15$8$1$${salt}$${hash}$extra`,
      `scrypt$x$8$1$${salt}$${hash}`,
      `scrypt$40$8$1$${salt}$${hash}`, // 2^40: a cost no stored hash may ask for
      `scrypt$15$999$1$${salt}$${hash}`,
      `scrypt$15$8$0$${salt}$${hash}`,
      `scrypt$15$8$1$${salt}!$${hash}`,
      `scrypt$15$8$1$${salt}$${hash!.slice(0, 8)}`,
      `scrypt$15$8$1$AAAA$${hash}`,
    ];
    for (const encoding of bad) {
      await assert.rejects(
        verifyPassword('unreadable', encoding),
        PasswordHashFormatError,
        encoding,
      );
    }
  });
});
