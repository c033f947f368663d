import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NotFoundError } from '../gateway/errors';
import { decodeBlockHeader } from './block-header';
import { parsePublicKey } from './node-key';
import {
  checkConsistencyProof,
  checkInclusionProof,
  ProofCheckError,
  type ProofCheckCode,
} from './proof-check';
import type { InclusionProofBundle } from './proof-bundle';
import { LedgerProofs } from './proofs';
import { openKvLedger } from './testing/kv-contract';

describe('ledger proofs', () => {
  it('proves every transaction against the newest head and older heads, offline', async () => {
    const kv = openKvLedger({ maxTransactions: 3, timeoutMs: 1 });
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

  it('rejects a tampered proof, record, head or key', async () => {
    const kv = openKvLedger({ maxTransactions: 4, timeoutMs: 1 });
    const stranger = openKvLedger();
    try {
      const txs = await Promise.all(
        Array.from({ length: 9 }, (_, i) => kv.call('Put', `t${i}`, `${i}`)),
      );
      const proofs = new LedgerProofs(kv.ledger.store);
      const good = proofs.inclusion(txs[5]!.transactionId);
      const publicKey = kv.ledger.key.publicKey;
      const header = decodeBlockHeader(Buffer.from(good.head.header));
      const probes: Array<[string, InclusionProofBundle, ProofCheckCode]> = [
        [
          'a flipped proof bit',
          { ...good, proof: good.proof.map((h, i) => (i === 0 ? flipHex(h) : h)) },
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
        ['other arguments', { ...good, args: good.args.replace('t5', 't6') }, 'payload-mismatch'],
        ['another result', { ...good, result: { text: '6' } }, 'payload-mismatch'],
        ['another leaf index', { ...good, leafIndex: good.leafIndex + 1 }, 'record-mismatch'],
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
        ['garbage in the proof', { ...good, proof: ['zz'] }, 'malformed'],
        ['no format', { ...good, format: 'x' as never }, 'malformed'],
      ];
      for (const [what, bundle, code] of probes) {
        assert.throws(
          () => checkInclusionProof(bundle, publicKey),
          (e: unknown) => e instanceof ProofCheckError && e.code === code,
          what,
        );
      }
      assert.throws(
        () => checkInclusionProof(good, stranger.ledger.key.publicKey),
        (e: unknown) => e instanceof ProofCheckError && e.code === 'signature',
      );
      assert.throws(() => proofs.inclusion('f'.repeat(64)), NotFoundError);
    } finally {
      await kv.dispose();
      await stranger.dispose();
    }
  });
});

function flipHex(hex: string): string {
  const bytes = Buffer.from(hex, 'hex');
  bytes[0]! ^= 0x80;
  return bytes.toString('hex');
}
