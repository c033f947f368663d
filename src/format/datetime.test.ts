import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateTimeProblem, isRfc3339DateTime } from './datetime';

describe('isRfc3339DateTime', () => {
  const VALID = [
    '2026-11-24T10:15:00+01:00',
    '2026-11-24T10:15:00Z',
    '2026-11-24T10:15:00.5Z',
    '2026-11-24T10:15:00.123456789-05:30',
    '2028-02-29T00:00:00+14:00', // leap year
    '2000-02-29T23:59:59-12:00', // divisible by 400
    '2026-12-31T23:59:59+23:59',
    '2026-01-01T00:00:00+00:00', // +00:00 is UTC, unlike -00:00
  ];
  for (const text of VALID) {
    it(`accepts ${text}`, () => assert.equal(isRfc3339DateTime(text), true));
  }

  const INVALID: [string, 'format' | 'rfc3339-offset'][] = [
    ['2026-11-24T10:15:00', 'rfc3339-offset'],
    ['2026-11-24T10:15:00.250', 'rfc3339-offset'],
    ['2026-11-24T10:15:00+0100', 'rfc3339-offset'],
    ['2026-11-24T10:15:00+01', 'rfc3339-offset'],
    ['2026-11-24T10:15:00-00:00', 'rfc3339-offset'],
    ['2026-11-24T10:15:00+24:00', 'rfc3339-offset'],
    ['2026-11-24T10:15:00+01:60', 'rfc3339-offset'],
    ['2026-11-24T10:15:00z', 'rfc3339-offset'],
    ['2026-11-24T10:15:00 Z', 'rfc3339-offset'],
    ['2026-02-30T10:15:00+01:00', 'format'],
    ['2026-02-29T10:15:00+01:00', 'format'],
    ['1900-02-29T10:15:00+01:00', 'format'], // divisible by 100, not by 400
    ['2026-04-31T10:15:00Z', 'format'],
    ['2026-13-01T10:15:00Z', 'format'],
    ['2026-00-10T10:15:00Z', 'format'],
    ['2026-11-00T10:15:00Z', 'format'],
    ['2026-11-24T24:00:00Z', 'format'],
    ['2026-11-24T10:60:00Z', 'format'],
    ['2026-11-24T23:59:60Z', 'format'], // leap second
    ['2026-11-24t10:15:00Z', 'format'],
    ['2026-11-24 10:15:00+01:00', 'format'],
    ['2026-11-24T10:15+01:00', 'format'],
    ['2026-11-24T10:15:00.+01:00', 'format'],
    ['2026-11-24T10:15:00.1234567890Z', 'format'],
    ['26-11-24T10:15:00Z', 'format'],
    ['2026-11-24', 'format'],
    ['', 'format'],
  ];
  for (const [text, rule] of INVALID) {
    it(`refuses ${JSON.stringify(text)}: ${rule}`, () => {
      assert.equal(isRfc3339DateTime(text), false);
      assert.equal(dateTimeProblem(text)?.rule, rule);
    });
  }
});
