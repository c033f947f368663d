/**
 * `eter check-proof` as a user runs it, on proofs from a real ledger: each tampering is refused
 * with exit 1 and the verifier's code; a key that is not the node's Ed25519 key with exit 2.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tempDir } from '../support/engines';

const ETER = join(__dirname, '..', '..', '..', 'bin', 'eter.js');

function eter(...args: string[]) {
  const run = spawnSync(process.execPath, [ETER, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

interface Head {
  header: string;
  signature: string;
}

describe('eter check-proof', () => {
  const dir = tempDir('eter-check-proof-');
  const data = join(dir.path, 'data');
  const keyFile = join(dir.path, 'node.pem');
  let inclusion: {
    record: string;
    proof: string[];
    head: Head;
    disclosed: Record<string, unknown>;
  };
  let consistency: { from: Head; to: Head; proof: string[] };

  before(() => {
    const seed = eter('seed', '--data', data, '--tickets', '40');
    assert.equal(seed.code, 0, seed.err);
    const txId = /--tx ([0-9a-f]{64})/.exec(seed.out)?.[1] ?? '';
    const proof = eter('proof', '--data', data, '--tx', txId);
    assert.equal(proof.code, 0, proof.err);
    inclusion = JSON.parse(proof.out) as typeof inclusion;
    const between = eter('proof', '--data', data, '--from-block', '1');
    assert.equal(between.code, 0, between.err);
    consistency = JSON.parse(between.out) as typeof consistency;
    writeFileSync(keyFile, eter('pubkey', '--data', data).out);
  });
  after(() => dir.cleanup());

  function check(bundle: unknown, key = keyFile) {
    const file = join(dir.path, 'proof.json');
    writeFileSync(file, JSON.stringify(bundle));
    return eter('check-proof', file, '--pubkey', key);
  }

  function flipSignature(head: Head): Head {
    const bytes = Buffer.from(head.signature, 'base64');
    bytes[0]! ^= 0x01;
    return { ...head, signature: bytes.toString('base64') };
  }

  function flipHex(hex: string): string {
    return (hex[0] === '0' ? '1' : '0') + hex.slice(1);
  }

  it('accepts the proofs as printed', () => {
    const included = check(inclusion);
    assert.equal(included.code, 0, included.err);
    assert.match(included.out, /^included: transaction [0-9a-f]{64} /);
    assert.match(included.out, /^record version 3$/m);
    assert.match(included.out, /^disclosed: args, reads\/0, .*writes\/0/m);
    assert.match(included.out, /^withheld \(commitments only\): nothing$/m);
    const consistent = check(consistency);
    assert.equal(consistent.code, 0, consistent.err);
    assert.match(consistent.out, /^consistent: block \d+ .* extends block 1 /);
  });

  it('accepts a proof with parts taken out, and names them as withheld', () => {
    const { writes: _writes, ...rest } = inclusion.disclosed;
    const redacted = check({ ...inclusion, disclosed: rest });
    assert.equal(redacted.code, 0, redacted.err);
    assert.match(redacted.out, /^disclosed: args, reads\/0, /m);
    assert.match(redacted.out, /^withheld \(commitments only\): writes\/0, writes\/1/m);
  });

  it('refuses each tampered proof with exit 1 and its code', () => {
    const probes: Array<[string, unknown, string]> = [
      [
        'a flipped byte in the record',
        {
          ...inclusion,
          record: inclusion.record.replace(/(\d)Z"/, (_, d: string) => `${(+d + 1) % 10}Z"`),
        },
        'not-included',
      ],
      [
        'a flipped byte in the path',
        { ...inclusion, proof: [flipHex(inclusion.proof[0]!), ...inclusion.proof.slice(1)] },
        'not-included',
      ],
      [
        'a flipped byte in the head signature',
        { ...inclusion, head: flipSignature(inclusion.head) },
        'signature',
      ],
      [
        'a flipped byte in the consistency proof',
        { ...consistency, proof: [flipHex(consistency.proof[0]!), ...consistency.proof.slice(1)] },
        'not-consistent',
      ],
      [
        'a flipped byte in a signed head',
        { ...consistency, to: flipSignature(consistency.to) },
        'signature',
      ],
      ['garbage in the path', { ...inclusion, proof: ['xyz'] }, 'malformed'],
    ];
    for (const [what, bundle, code] of probes) {
      const run = check(bundle);
      assert.equal(run.code, 1, `${what}: ${run.out}${run.err}`);
      assert.match(run.err, new RegExp(`proof does not hold: ${code}:`), what);
    }
  });

  it("refuses another node's key with exit 1, and what is no Ed25519 key with exit 2", () => {
    const stranger = join(dir.path, 'stranger.pem');
    const { publicKey } = generateKeyPairSync('ed25519');
    writeFileSync(stranger, publicKey.export({ format: 'pem', type: 'spki' }));
    const run = check(inclusion, stranger);
    assert.equal(run.code, 1, run.err);
    assert.match(run.err, /proof does not hold: signature:/);

    const ec = join(dir.path, 'ec.pem');
    const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    writeFileSync(ec, ecKey.export({ format: 'pem', type: 'spki' }));
    const refused = check(inclusion, ec);
    assert.equal(refused.code, 2, refused.err);
    assert.match(refused.err, /not an Ed25519 public key/);
  });
});
