import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, it } from 'node:test';
import { NotFoundError } from '../gateway/errors';
import * as verifier from '../verifier';
import { decodeBlockHeader } from './block-header';
import { parsePublicKey } from './node-key';
import {
  checkConsistencyProof,
  checkInclusionProof,
  ProofCheckError,
  type ProofCheckCode,
} from './proof-check';
import type {
  AnyInclusionProofBundle,
  ConsistencyProofBundle,
  InclusionProofBundle,
  InclusionProofBundleV2,
  SignedHead,
} from './proof-bundle';
import { LedgerProofs } from './proofs';
import { openKvLedger } from './testing/kv-contract';

describe('ledger proofs', () => {
  for (const recordVersion of [1, 2] as const) {
    it(`proves every transaction against the newest head and older heads, offline (version ${recordVersion} records)`, async () => {
      const kv = openKvLedger({ maxTransactions: 3, timeoutMs: 1 }, undefined, 0, {
        recordVersion,
      });
      try {
        const txs = await Promise.all(
          Array.from({ length: 17 }, (_, i) => kv.call('Put', `p${i}`, `${i}`)),
        );
        const proofs = new LedgerProofs(kv.ledger.store);
        const publicKey = parsePublicKey(kv.ledger.key.publicKeyPem());
        for (const tx of txs) {
          const latest = checkInclusionProof(proofs.inclusion(tx.transactionId), publicKey);
          assert.equal(latest.record.txId, tx.transactionId);
          assert.equal(latest.record.validation, 'VALID');
          const atOwnBlock = checkInclusionProof(
            proofs.inclusion(tx.transactionId, tx.blockNumber),
            publicKey,
          );
          assert.equal(atOwnBlock.head.number, tx.blockNumber);
          assert.equal(latest.record.v, recordVersion);
          assert.deepEqual(latest.parts, {
            disclosed: ['args', 'writes/0', 'result'],
            withheld: [],
          });
        }
      } finally {
        await kv.dispose();
      }
    });
  }

  it('shows only the parts asked for, and proves them and the record alike', async () => {
    const kv = openKvLedger({ maxTransactions: 3, timeoutMs: 1 });
    try {
      await kv.call('Put', 'mine', 'a');
      await kv.call('Put', 'theirs', 'b');
      const tx = await kv.call('Sum', '', 'total');
      const proofs = new LedgerProofs(kv.ledger.store);
      const shown = proofs.inclusion(tx.transactionId, undefined, (part) =>
        part.kind === 'write' ? part.key === 'total' : part.kind === 'args',
      );
      assert.equal(shown.format, 'eter-inclusion-proof/v2');
      const text = JSON.stringify(shown);
      for (const hidden of ['mine', 'theirs', '"text":"ab"']) assert.ok(!text.includes(hidden));
      const checked = checkInclusionProof(shown, kv.ledger.key.publicKey);
      assert.deepEqual(checked.parts, {
        disclosed: ['args', 'writes/0'],
        withheld: ['ranges/0', 'result'],
      });
      const nothing = proofs.inclusion(tx.transactionId, undefined, () => false);
      assert.deepEqual(checkInclusionProof(nothing, kv.ledger.key.publicKey).parts.disclosed, []);
    } finally {
      await kv.dispose();
    }
  });

  it('rejects a version 2 proof whose disclosures do not open the record', async () => {
    const kv = openKvLedger({ maxTransactions: 4, timeoutMs: 1 });
    try {
      const txs = await Promise.all(
        Array.from({ length: 5 }, (_, i) => kv.call('Put', `t${i}`, `${i}`)),
      );
      const proofs = new LedgerProofs(kv.ledger.store);
      const good = proofs.inclusion(txs[3]!.transactionId) as InclusionProofBundleV2;
      const other = proofs.inclusion(txs[2]!.transactionId) as InclusionProofBundleV2;
      const d = good.disclosed;
      const write = d.writes![0]!;
      const probes: Array<[string, InclusionProofBundleV2, ProofCheckCode]> = [
        [
          'another written value',
          { ...good, disclosed: { ...d, writes: [{ ...write, value: { text: '9' } }] } },
          'payload-mismatch',
        ],
        [
          'another written key',
          { ...good, disclosed: { ...d, writes: [{ ...write, key: 't9' }] } },
          'payload-mismatch',
        ],
        [
          'a deletion for a write',
          { ...good, disclosed: { ...d, writes: [{ ...write, value: null }] } },
          'payload-mismatch',
        ],
        [
          "another transaction's salt",
          { ...good, disclosed: { ...d, args: { ...d.args!, salt: other.disclosed.args!.salt } } },
          'payload-mismatch',
        ],
        [
          'other arguments',
          { ...good, disclosed: { ...d, args: { ...d.args!, value: '["t9","3"]' } } },
          'payload-mismatch',
        ],
        [
          'another result',
          { ...good, disclosed: { ...d, result: { ...d.result!, value: { text: '9' } } } },
          'payload-mismatch',
        ],
        [
          'a flipped commitment in the record',
          {
            ...good,
            record: good.record.replace(
              /("result":")(.)/,
              (_, p: string, c: string) => p + (c === 'A' ? 'B' : 'A'),
            ),
          },
          'payload-mismatch',
        ],
        [
          'a write at another index',
          { ...good, disclosed: { ...d, writes: [{ ...write, index: 1 }] } },
          'malformed',
        ],
        [
          'a part disclosed twice',
          { ...good, disclosed: { ...d, writes: [write, write] } },
          'malformed',
        ],
        [
          'a short salt',
          { ...good, disclosed: { ...d, args: { ...d.args!, salt: d.args!.salt.slice(2) } } },
          'malformed',
        ],
        [
          'an event the record does not have',
          {
            ...good,
            disclosed: { ...d, event: { salt: d.args!.salt, name: 'x', payload: { text: '' } } },
          },
          'malformed',
        ],
        [
          'a version 1 record in a v2 document',
          { ...good, format: 'eter-inclusion-proof/v1' as never },
          'malformed',
        ],
        ['another leaf index', { ...good, leafIndex: good.leafIndex + 1 }, 'record-mismatch'],
      ];
      for (const [route, check] of routes(kv.ledger.key.publicKey)) {
        check(good);
        for (const [what, bundle, code] of probes) {
          assert.throws(
            () => check(bundle),
            (e: unknown) => e instanceof ProofCheckError && e.code === code,
            `${route}: ${what}`,
          );
        }
      }
    } finally {
      await kv.dispose();
    }
  });

  it('proves that a later head extends every earlier one', async () => {
    const kv = openKvLedger({ maxTransactions: 2, timeoutMs: 1 });
    try {
      await Promise.all(Array.from({ length: 11 }, (_, i) => kv.call('Put', `c${i}`, `${i}`)));
      const proofs = new LedgerProofs(kv.ledger.store);
      const publicKey = kv.ledger.key.publicKey;
      const height = await kv.ledger.height();
      for (let from = 0; from < height; from++) {
        const { from: a, to: b } = checkConsistencyProof(proofs.consistency(from), publicKey);
        assert.equal(a.number, from);
        assert.equal(b.number, height - 1);
      }
    } finally {
      await kv.dispose();
    }
  });

  it('rejects a tampered proof, record, head or key, through the adapter and the verifier alike (a ledger of version 1 records)', async () => {
    const kv = openKvLedger({ maxTransactions: 4, timeoutMs: 1 }, undefined, 0, {
      recordVersion: 1,
    });
    const stranger = openKvLedger();
    try {
      const txs = await Promise.all(
        Array.from({ length: 9 }, (_, i) => kv.call('Put', `t${i}`, `${i}`)),
      );
      const proofs = new LedgerProofs(kv.ledger.store);
      const good = proofs.inclusion(txs[5]!.transactionId) as InclusionProofBundle;
      const other = proofs.inclusion(txs[0]!.transactionId, txs[0]!.blockNumber);
      assert.equal(good.format, 'eter-inclusion-proof/v1');
      const header = decodeBlockHeader(Buffer.from(good.head.header));
      const probes: Array<[string, InclusionProofBundle, ProofCheckCode]> = [
        [
          'a flipped proof bit',
          { ...good, proof: good.proof.map((h, i) => (i === 0 ? flipHex(h) : h)) },
          'not-included',
        ],
        [
          'a flipped bit in the last proof element',
          {
            ...good,
            proof: good.proof.map((h, i, all) => (i === all.length - 1 ? flipHex(h) : h)),
          },
          'not-included',
        ],
        ['a dropped proof element', { ...good, proof: good.proof.slice(1) }, 'not-included'],
        [
          'an extra proof element',
          { ...good, proof: [...good.proof, good.proof[0]!] },
          'not-included',
        ],
        [
          'another value in the record',
          { ...good, record: good.record.replace('"5"', '"6"') },
          'not-included',
        ],
        [
          'a flipped byte in the record timestamp',
          {
            ...good,
            record: good.record.replace(/(\d)Z"/, (_, d: string) => `${(+d + 1) % 10}Z"`),
          },
          'not-included',
        ],
        [
          "a flipped byte in the record's argsHash",
          {
            ...good,
            record: good.record.replace(/("argsHash":"[0-9a-f]{63})([0-9a-f])/, flipLast),
          },
          'payload-mismatch',
        ],
        ['other arguments', { ...good, args: good.args.replace('t5', 't6') }, 'payload-mismatch'],
        ['another result', { ...good, result: { text: '6' } }, 'payload-mismatch'],
        ['another leaf index', { ...good, leafIndex: good.leafIndex + 1 }, 'record-mismatch'],
        ['another transaction id', { ...good, txId: txs[4]!.transactionId }, 'record-mismatch'],
        [
          'an edited head',
          {
            ...good,
            head: {
              ...good.head,
              header: JSON.stringify({ ...header, logSize: header.logSize + 1 }),
            },
          },
          'signature',
        ],
        [
          'a flipped bit in the head signature',
          { ...good, head: flipSignature(good.head) },
          'signature',
        ],
        [
          'the signature of another head',
          { ...good, head: { ...good.head, signature: other.head.signature } },
          'signature',
        ],
        [
          'a truncated signature',
          { ...good, head: { ...good.head, signature: good.head.signature.slice(0, 84) } },
          'signature',
        ],
        ['an older signed head', { ...good, head: other.head }, 'not-included'],
        [
          'a signature that is not base64',
          { ...good, head: { ...good.head, signature: `!${good.head.signature.slice(1)}` } },
          'malformed',
        ],
        ['garbage in the proof', { ...good, proof: ['zz'] }, 'malformed'],
        [
          'uppercase hex in the proof',
          { ...good, proof: good.proof.map((h) => h.toUpperCase()) },
          'malformed',
        ],
        ['a record that is not JSON', { ...good, record: good.record.slice(1) }, 'malformed'],
        [
          'a result that is neither text nor base64',
          { ...good, result: { base64: '@@' } },
          'malformed',
        ],
        ['no format', { ...good, format: 'x' as never }, 'malformed'],
      ];
      for (const [route, check] of routes(kv.ledger.key.publicKey)) {
        check(good);
        for (const [what, bundle, code] of probes) {
          assert.throws(
            () => check(bundle),
            (e: unknown) => e instanceof ProofCheckError && e.code === code,
            `${route}: ${what}`,
          );
        }
      }
      for (const [route, check] of routes(stranger.ledger.key.publicKey)) {
        assert.throws(
          () => check(good),
          (e: unknown) => e instanceof ProofCheckError && e.code === 'signature',
          `${route}: a stranger's key`,
        );
      }
      const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
      assert.throws(
        () => checkInclusionProof(good, ecKey),
        (e: unknown) => e instanceof verifier.PublicKeyError,
      );
      assert.throws(() => proofs.inclusion('f'.repeat(64)), NotFoundError);
    } finally {
      await kv.dispose();
      await stranger.dispose();
    }
  });

  it('rejects a tampered consistency proof, head or key', async () => {
    const kv = openKvLedger({ maxTransactions: 2, timeoutMs: 1 });
    const stranger = openKvLedger();
    try {
      await Promise.all(Array.from({ length: 11 }, (_, i) => kv.call('Put', `c${i}`, `${i}`)));
      const proofs = new LedgerProofs(kv.ledger.store);
      const good = proofs.consistency(1);
      assert.ok(good.proof.length >= 2);
      const probes: Array<[string, ConsistencyProofBundle, ProofCheckCode]> = [
        [
          'a flipped proof bit',
          { ...good, proof: good.proof.map((h, i) => (i === 0 ? flipHex(h) : h)) },
          'not-consistent',
        ],
        ['a dropped proof element', { ...good, proof: good.proof.slice(1) }, 'not-consistent'],
        ['the heads swapped', { ...good, from: good.to, to: good.from }, 'not-consistent'],
        ['another earlier head', { ...good, from: proofs.consistency(2).from }, 'not-consistent'],
        [
          'a flipped bit in the later signature',
          { ...good, to: flipSignature(good.to) },
          'signature',
        ],
        [
          'a flipped bit in the earlier signature',
          { ...good, from: flipSignature(good.from) },
          'signature',
        ],
        ['garbage in the proof', { ...good, proof: ['0'] }, 'malformed'],
        ['no format', { ...good, format: 'eter-inclusion-proof/v1' as never }, 'malformed'],
      ];
      const checks = (key: KeyObject) =>
        [
          ['adapter (KeyObject)', (b: ConsistencyProofBundle) => checkConsistencyProof(b, key)],
          [
            'verifier (PEM)',
            (b: ConsistencyProofBundle) => verifier.checkConsistencyProof(roundTrip(b), pem(key)),
          ],
        ] as const;
      for (const [route, check] of checks(kv.ledger.key.publicKey)) {
        check(good);
        for (const [what, bundle, code] of probes) {
          assert.throws(
            () => check(bundle),
            (e: unknown) => e instanceof ProofCheckError && e.code === code,
            `${route}: ${what}`,
          );
        }
      }
      for (const [route, check] of checks(stranger.ledger.key.publicKey)) {
        assert.throws(
          () => check(good),
          (e: unknown) => e instanceof ProofCheckError && e.code === 'signature',
          `${route}: a stranger's key`,
        );
      }
    } finally {
      await kv.dispose();
      await stranger.dispose();
    }
  });
});

/**
 * The ways a proof is checked: the Node adapter with a KeyObject, and the verifier itself with the
 * key as `eter pubkey` prints it and as raw bytes, on the bundle as a browser gets it (JSON).
 */
function routes(key: KeyObject) {
  const raw = Uint8Array.from(key.export({ format: 'der', type: 'spki' }).subarray(12));
  return [
    ['adapter (KeyObject)', (b: AnyInclusionProofBundle) => checkInclusionProof(b, key)],
    [
      'verifier (PEM)',
      (b: AnyInclusionProofBundle) => verifier.checkInclusionProof(roundTrip(b), pem(key)),
    ],
    [
      'verifier (raw key)',
      (b: AnyInclusionProofBundle) => verifier.checkInclusionProof(roundTrip(b), raw),
    ],
  ] as const;
}

function pem(key: KeyObject): string {
  return key.export({ format: 'pem', type: 'spki' }).toString();
}

function roundTrip<T>(bundle: T): T {
  return JSON.parse(JSON.stringify(bundle)) as T;
}

function flipSignature(head: SignedHead): SignedHead {
  const bytes = Buffer.from(head.signature, 'base64');
  bytes[10]! ^= 0x01;
  return { ...head, signature: bytes.toString('base64') };
}

function flipLast(_: string, prefix: string, digit: string): string {
  return prefix + (digit === '0' ? '1' : '0');
}

function flipHex(hex: string): string {
  const bytes = Buffer.from(hex, 'hex');
  bytes[0]! ^= 0x80;
  return bytes.toString('hex');
}
