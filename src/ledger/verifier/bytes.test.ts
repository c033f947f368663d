// The Uint8Array helpers agree with Node's Buffer on every input Buffer writes, and refuse what
// Buffer would decode leniently.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  bytesEqual,
  concatBytes,
  fromBase64,
  fromHex,
  fromUtf8,
  toBase64,
  toHex,
  utf8,
} from './bytes';

const samples = [0, 1, 2, 3, 4, 5, 31, 32, 33, 64, 255, 1000].map((n) => randomBytes(n));

describe('verifier bytes', () => {
  it('hex and base64 round-trip as Buffer writes them', () => {
    for (const bytes of samples) {
      assert.equal(toHex(bytes), bytes.toString('hex'));
      assert.equal(toBase64(bytes), bytes.toString('base64'));
      assert.deepEqual(fromHex(bytes.toString('hex')), Uint8Array.from(bytes));
      assert.deepEqual(fromBase64(bytes.toString('base64')), Uint8Array.from(bytes));
    }
  });

  it('refuse malformed hex and base64', () => {
    for (const text of ['0', 'ABCD', 'zz', ' 00', '00 ', null, 7]) {
      assert.equal(fromHex(text), undefined, String(text));
    }
    for (const text of ['A', 'AAA', 'AA=A', '====', 'AB==AAAA', 'A===', '!AAA', 'AAA\n', 'AB==']) {
      assert.equal(fromBase64(text), undefined, text);
    }
    assert.deepEqual(fromBase64('AA=='), Uint8Array.of(0));
    assert.deepEqual(fromBase64(''), new Uint8Array(0));
  });

  it('UTF-8 as Buffer encodes and decodes it, lone surrogates and bad bytes replaced', () => {
    for (const text of ['', 'a', 'é€𝄞', '\uD800x', '{"k":"v"}']) {
      assert.deepEqual(utf8(text), Uint8Array.from(Buffer.from(text, 'utf8')));
    }
    const bad = Uint8Array.of(0x61, 0xff, 0xc3);
    assert.equal(fromUtf8(bad), Buffer.from(bad).toString('utf8'));
  });

  it('compare and concatenate', () => {
    assert.ok(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2)));
    assert.ok(!bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 3)));
    assert.ok(!bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 3)));
    assert.deepEqual(
      concatBytes(Uint8Array.of(1), new Uint8Array(0), Uint8Array.of(2, 3)),
      Uint8Array.of(1, 2, 3),
    );
  });
});
