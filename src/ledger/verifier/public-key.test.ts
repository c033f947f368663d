// Keys in the forms people hold, and signatures that hold exactly when node:crypto says they do.
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, it } from 'node:test';
import { parsePublicKey, PublicKeyError } from './public-key';
import { verifySignature } from './signature';

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const pem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
const der = Uint8Array.from(publicKey.export({ format: 'der', type: 'spki' }));
const raw = der.slice(12);

describe('verifier public keys', () => {
  it('reads PEM, SPKI DER and raw bytes to the same key', () => {
    for (const input of [pem, `\n${pem.replace(/\n/g, '\r\n')}`, der, raw]) {
      assert.deepEqual(parsePublicKey(input).raw, raw);
    }
    const key = parsePublicKey(raw);
    assert.equal(parsePublicKey(key), key);
  });

  it('refuses other algorithms, lengths and points off the curve', () => {
    const others = [
      generateKeyPairSync('ed448').publicKey,
      generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey,
      generateKeyPairSync('x25519').publicKey,
    ];
    for (const other of others) {
      const otherPem = other.export({ format: 'pem', type: 'spki' }).toString();
      assert.throws(() => parsePublicKey(otherPem), PublicKeyError, other.asymmetricKeyType);
      const otherDer = Uint8Array.from(other.export({ format: 'der', type: 'spki' }));
      assert.throws(() => parsePublicKey(otherDer), PublicKeyError, other.asymmetricKeyType);
    }
    for (const bad of [
      '',
      'not a key',
      privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      pem.replace('MCow', '!Cow'),
      raw.slice(1),
      new Uint8Array(32).fill(0xff),
    ]) {
      assert.throws(() => parsePublicKey(bad), PublicKeyError);
    }
  });
});

describe('verifier signatures', () => {
  it('hold exactly when node:crypto says so, for good and corrupted signatures', () => {
    const key = parsePublicKey(pem);
    for (let n = 0; n < 20; n++) {
      const data = Buffer.from(`header ${n}`);
      const signature = sign(null, data, privateKey);
      const probes = [
        signature,
        Buffer.from(signature).fill(signature[n] ^ (1 << (n % 8)), n, n + 1),
        Buffer.concat([signature, Buffer.of(0)]),
        signature.subarray(0, 63),
        Buffer.alloc(64),
      ];
      for (const probe of probes) {
        assert.equal(verifySignature(key, data, probe), verify(null, data, publicKey, probe));
      }
      assert.equal(verifySignature(key, Buffer.from(`header ${n + 1}`), signature), false);
    }
  });

  it('refuse a malleated signature (S + L), as OpenSSL does', () => {
    const data = Buffer.from('header');
    const signature = sign(null, data, privateKey);
    const L = 2n ** 252n + 27742317777372353535851937790883648493n;
    let s = 0n;
    for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(signature[i]);
    s += L;
    const malleated = Buffer.from(signature);
    for (let i = 32; i < 64; i++, s >>= 8n) malleated[i] = Number(s & 0xffn);
    assert.equal(verify(null, data, publicKey, malleated), false);
    assert.equal(verifySignature(parsePublicKey(raw), data, malleated), false);
  });
});
