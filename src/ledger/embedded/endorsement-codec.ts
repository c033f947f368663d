import type { Simulation } from './chaincode-stub';
import {
  readEvent,
  readRanges,
  readReads,
  readWrites,
  writeEvent,
  writeRanges,
  writeReads,
  writeWrites,
} from './rwset-wire';
import { ByteReader, ByteWriter } from './wire-bytes';

/**
 * The wire form of an endorsement (a simulation and its result) from an
 * endorsing thread to the committer: one byte array, transferred rather
 * than copied. Structured cloning the same objects (a Map of keys to byte
 * arrays, tuples of reads, the event) cost the endorsing thread and the main
 * thread 25–35 µs a ticket between them; this costs a few.
 *
 * Layout (wire-bytes, rwset-wire): reads, ranges, writes, event, result.
 */

/** Encodes an endorsement into an exact-size array with a buffer of its own. */
export function encodeEndorsement(simulation: Simulation, result: Uint8Array): Uint8Array {
  const out = new ByteWriter();
  writeReads(out, simulation.reads, simulation.reads.size);
  writeRanges(out, simulation.ranges);
  writeWrites(out, simulation.writes, simulation.writes.size);
  writeEvent(out, simulation.event);
  out.bytes(result);
  return out.finish();
}

/** Decodes {@link encodeEndorsement}'s bytes; byte values are views into `bytes`. */
export function decodeEndorsement(bytes: Uint8Array): { simulation: Simulation; result: Buffer } {
  const input = new ByteReader(bytes, 'endorsement');
  const reads = new Map(readReads(input));
  const ranges = readRanges(input);
  const writes = new Map(readWrites(input));
  const event = readEvent(input);
  const result = input.bytes();
  input.end();
  return { simulation: { reads, ranges, writes, event }, result };
}
