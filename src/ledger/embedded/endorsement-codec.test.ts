import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Simulation } from './chaincode-stub';
import { decodeEndorsement, encodeEndorsement } from './endorsement-codec';

function simulation(parts: Partial<Simulation> = {}): Simulation {
  return {
    reads: parts.reads ?? new Map(),
    ranges: parts.ranges ?? [],
    writes: parts.writes ?? new Map(),
    event: parts.event ?? null,
  };
}

const CASES: Array<[string, Simulation, Buffer]> = [
  ['nothing at all', simulation(), Buffer.alloc(0)],
  [
    'reads of present and absent keys, versions past 2^32',
    simulation({
      reads: new Map<string, number | null>([
        ['\u0000ticket\u0000store-001\u0000t1\u0000', null],
        ['\u0000store\u0000store-001\u0000', 2 ** 40 + 3],
      ]),
    }),
    Buffer.from('{"ok":true}'),
  ],
  [
    'ranges, open and closed, empty and not',
    simulation({
      ranges: [
        { start: 'a', end: '', keys: [] },
        {
          start: 'k',
          end: 'l',
          keys: [
            ['k1', 7],
            ['k2', 0],
          ],
        },
      ],
    }),
    Buffer.alloc(0),
  ],
  [
    'writes, deletes, empty and binary values, non-ASCII keys',
    simulation({
      writes: new Map<string, Buffer | null>([
        ['clé-😀', Buffer.from('{"v":"é"}')],
        ['gone', null],
        ['empty', Buffer.alloc(0)],
        ['binary', Buffer.from([0, 255, 128, 10])],
      ]),
    }),
    Buffer.from([1, 2, 3]),
  ],
  [
    'an event and values larger than the scratch buffer',
    simulation({
      writes: new Map([['big', Buffer.alloc(50_000, 7)]]),
      event: { name: 'TicketRecorded', payload: Buffer.alloc(20_000, 9) },
    }),
    Buffer.alloc(30_000, 1),
  ],
];

describe('endorsement codec', () => {
  for (const [what, sim, result] of CASES) {
    it(`round-trips ${what}`, () => {
      const bytes = encodeEndorsement(sim, result);
      assert.equal(bytes.byteOffset, 0);
      assert.equal(bytes.buffer.byteLength, bytes.byteLength, 'an exact buffer of its own');
      const decoded = decodeEndorsement(bytes);
      assert.deepEqual(decoded.simulation, sim);
      assert.deepEqual(decoded.result, result);
    });
  }

  it('encodings do not share the scratch space', () => {
    const first = encodeEndorsement(
      simulation({ writes: new Map([['a', Buffer.from('1')]]) }),
      Buffer.alloc(0),
    );
    encodeEndorsement(simulation({ writes: new Map([['b', Buffer.from('2')]]) }), Buffer.alloc(0));
    assert.deepEqual([...decodeEndorsement(first).simulation.writes.keys()], ['a']);
  });

  it('refuses a string longer than what is left', () => {
    const bytes = encodeEndorsement(CASES[1]![1], Buffer.alloc(0));
    // The first read's key length, just after the count of reads.
    Buffer.from(bytes.buffer).writeUInt32LE(1_000_000, 4);
    assert.throws(() => decodeEndorsement(bytes), /endorsement is truncated/);
  });

  it('refuses truncated and padded bytes', () => {
    const bytes = encodeEndorsement(CASES[3]![1], Buffer.from('result'));
    assert.throws(() => decodeEndorsement(bytes.subarray(0, bytes.length - 1)));
    assert.throws(() => decodeEndorsement(Buffer.concat([bytes, Buffer.from([0])])), /trailing/);
  });
});
