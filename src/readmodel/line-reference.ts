import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { linkSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** File in the data folder holding the line reference key (mode 0600). */
export const LINE_REFERENCE_KEY_FILE = 'line-reference-key';

const KEY_BYTES = 32;
const BLOCK_BYTES = 16;
/** seq (8 bytes) and line number (2 bytes); the other 6 bytes of the block must be zero. */
const PAYLOAD_BYTES = 10;
const MAX_LINE_NO = 0xffff;
const REFERENCE = /^[A-Za-z0-9_-]{22}$/;

/** Where a reference points: the ticket's read-model sequence and the line's number in it. */
export interface LinePlace {
  readonly seq: number;
  readonly lineNo: number;
}

/**
 * Opaque per-line references: one AES-256 block, under a key only this
 * node holds, of the line's place (ticket `seq`, `lineNo`) padded with 48
 * zero bits, in base64url (22 characters).
 *
 * AES is a pseudorandom permutation: two lines of one ticket (places that
 * differ in a byte) get blocks that look independent, with no common prefix
 * and nothing a manufacturer can compare to tell whether they share a
 * basket, or learn the sequence, the ticket id or the transaction. The
 * server decrypts a reference back to its place, so nothing is stored and
 * nothing needs an index; the zero padding makes a made-up reference fail
 * to decrypt (one chance in 2^48). `seq` is numbered in ledger order
 * (schema.ts), so a rebuilt read model gives every line the same reference;
 * a new key gives new ones.
 */
export class LineReferences {
  /**
   * References under the key kept in `dataDir/line-reference-key`, created on first use.
   * @throws {Error} when the key file is readable by others or holds the wrong number of bytes.
   */
  static open(dataDir: string): LineReferences {
    return new LineReferences(loadOrCreateKey(join(dataDir, LINE_REFERENCE_KEY_FILE)));
  }

  /** References under `key` (32 bytes). */
  constructor(private readonly key: Buffer) {
    if (key.length !== KEY_BYTES) throw new Error(`a line reference key is ${KEY_BYTES} bytes`);
  }

  /** The reference of a line. */
  reference(place: LinePlace): string {
    if (!Number.isSafeInteger(place.seq) || place.seq < 0)
      throw new RangeError(`seq ${place.seq} is not a sequence`);
    if (!Number.isInteger(place.lineNo) || place.lineNo < 0 || place.lineNo > MAX_LINE_NO)
      throw new RangeError(`lineNo ${place.lineNo} is out of range`);
    const block = Buffer.alloc(BLOCK_BYTES);
    block.writeBigUInt64BE(BigInt(place.seq), 0);
    block.writeUInt16BE(place.lineNo, 8);
    const cipher = createCipheriv('aes-256-ecb', this.key, null).setAutoPadding(false);
    return Buffer.concat([cipher.update(block), cipher.final()]).toString('base64url');
  }

  /** The place a reference points at, or `undefined` when this node did not make it. */
  resolve(reference: string): LinePlace | undefined {
    if (!REFERENCE.test(reference)) return undefined;
    const sealed = Buffer.from(reference, 'base64url');
    if (sealed.length !== BLOCK_BYTES || sealed.toString('base64url') !== reference)
      return undefined;
    const decipher = createDecipheriv('aes-256-ecb', this.key, null).setAutoPadding(false);
    const block = Buffer.concat([decipher.update(sealed), decipher.final()]);
    if (block.subarray(PAYLOAD_BYTES).some((byte) => byte !== 0)) return undefined;
    const seq = block.readBigUInt64BE(0);
    if (seq > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
    return { seq: Number(seq), lineNo: block.readUInt16BE(8) };
  }
}

function loadOrCreateKey(file: string): Buffer {
  // As the token key: written aside and linked into place, so that two
  // processes starting at once agree on one key and never read half of one.
  const draft = `${file}.${process.pid}.new`;
  writeFileSync(draft, randomBytes(KEY_BYTES), { mode: 0o600 });
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
      `line reference key ${file} has mode ${mode.toString(8)}; it must be 600 (chmod 600 ${file})`,
    );
  const key = readFileSync(file);
  if (key.length !== KEY_BYTES)
    throw new Error(`${file} holds ${key.length} bytes; a line reference key is ${KEY_BYTES}`);
  return key;
}
