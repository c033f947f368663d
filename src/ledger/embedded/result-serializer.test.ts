import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JSONSerializer } from 'fabric-contract-api';
import { serializeResult } from './result-serializer';

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}

describe('serializeResult', () => {
  const serializer = new JSONSerializer();
  const cases: Array<[string, unknown]> = [
    ['a plain object', { storeId: 's-1', points: 12, replayed: false, note: null }],
    ['nested objects and arrays', { a: [1, 'two', { three: [true, null] }], b: {} }],
    ['an array', [{ k: 'v' }, 2, 'x']],
    ['text needing escapes', { s: 'quote " and \\ and \u0000 and é and 😀' }],
    ['an undefined member', { a: 1, b: undefined }],
    ['a Date', { at: new Date('2026-11-24T10:15:00Z') }],
    ['a class instance', { p: new Point(1, 2) }],
    ['a non-finite number', { n: Number.NaN }],
    ['a string', 'plain'],
    ['a number', 42],
    ['a boolean', true],
    ['undefined', undefined],
    ['null', null],
  ];
  for (const [what, value] of cases) {
    it(`gives the serializer's bytes for ${what}`, () => {
      const expected =
        (serializer.toBuffer(value, {}, 'test') as Buffer | undefined) ?? Buffer.alloc(0);
      assert.deepEqual(serializeResult(serializer, value, {}, 'test'), expected);
    });
  }
});
