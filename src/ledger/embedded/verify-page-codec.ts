import type { BlockRow } from './store';
import type { TxDigest, VerifyPage } from './verify-source';
import { ByteReader, ByteWriter } from './wire-bytes';

/**
 * The wire form of a {@link VerifyPage} from the verifier's reader thread:
 * one transferred byte array (see wire-bytes). Structured cloning a page of
 * a few thousand digests cost the verifier more than reading and hashing
 * them had saved it, so the reader thread was slower than none.
 */
export function encodeVerifyPage(page: VerifyPage): Uint8Array {
  const out = new ByteWriter();
  out.u32(page.blocks.length);
  for (const { row, txs } of page.blocks) {
    out.f64(row.number);
    out.bytes(row.header);
    out.bytes(row.hash);
    out.bytes(row.signature);
    out.f64(row.firstSeq);
    out.f64(row.txCount);
    out.u32(txs.length);
    for (const tx of txs) {
      out.f64(tx.seq);
      out.string(tx.txId);
      out.f64(tx.block);
      out.u32(tx.valid ? 1 : 0);
      out.bytes(tx.record);
      out.bytes(tx.leaf);
      out.string(tx.argsHash);
      optionalString(out, tx.resultHash);
      optionalString(out, tx.eventHash);
      optionalString(out, tx.prev);
    }
  }
  return out.finish();
}

/** Decodes {@link encodeVerifyPage}'s bytes; byte fields are views into `bytes`. */
export function decodeVerifyPage(bytes: Uint8Array): VerifyPage {
  const input = new ByteReader(bytes, 'verify page');
  const blocks: Array<{ row: BlockRow; txs: TxDigest[] }> = [];
  for (let b = input.u32(); b > 0; b--) {
    const row: BlockRow = {
      number: input.f64(),
      header: input.bytes(),
      hash: input.bytes(),
      signature: input.bytes(),
      firstSeq: input.f64(),
      txCount: input.f64(),
    };
    const txs: TxDigest[] = [];
    for (let t = input.u32(); t > 0; t--) {
      txs.push({
        seq: input.f64(),
        txId: input.string(),
        block: input.f64(),
        valid: input.u32() === 1,
        record: input.bytes(),
        leaf: input.bytes(),
        argsHash: input.string(),
        resultHash: readOptionalString(input),
        eventHash: readOptionalString(input),
        prev: readOptionalString(input),
      });
    }
    blocks.push({ row, txs });
  }
  input.end();
  return { blocks };
}

function optionalString(out: ByteWriter, value: string | null): void {
  out.bytesOrNull(value === null ? null : Buffer.from(value, 'utf8'));
}

function readOptionalString(input: ByteReader): string | null {
  return input.bytesOrNull()?.toString('utf8') ?? null;
}
