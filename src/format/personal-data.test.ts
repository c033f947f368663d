import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { passesLuhn, personalDataKind, type PersonalDataKind } from './personal-data';

describe('passesLuhn', () => {
  const CASES: [string, boolean][] = [
    ['4111111111111111', true], // Visa test number
    ['5500005555555559', true], // Mastercard test number
    ['378282246310005', true], // Amex test number
    ['79927398713', true], // the classic Luhn example
    ['4111111111111112', false],
    ['79927398710', false],
  ];
  for (const [digits, expected] of CASES) {
    it(`${digits} → ${expected}`, () => assert.equal(passesLuhn(digits), expected));
  }
});

describe('personalDataKind', () => {
  const CASES: [string, PersonalDataKind | undefined][] = [
    ['cust-7f3a9c', undefined],
    ['c.0001', undefined],
    ['LOY_2026_000123', undefined],
    ['123456', undefined], // too short for a phone number
    ['4111111111111112', undefined], // 16 digits failing Luhn: not a card, and too long for a phone
    ['7f3a9c2e-1b4d-4e8f-9a6b-0c1d2e3f4a5b', undefined], // a UUID
    ['ana@example.com', 'email address'],
    ['@ana', 'email address'],
    ['4111111111111111', 'payment card number'],
    ['378282246310005', 'payment card number'],
    ['cust-4111111111111111', 'payment card number'],
    ['4111-1111-1111-1111', 'payment card number'],
    ['4111 1111 1111 1111', 'payment card number'],
    ['4111.1111.1111.1111', 'payment card number'],
    ['612345678', 'phone number'],
    ['+34612345678', 'phone number'],
    ['0034612345678', 'phone number'],
    ['+1 (555) 010-9999', 'phone number'],
    ['06-12-34-56-78', 'phone number'],
    ['030.1234567', 'phone number'],
  ];
  for (const [id, kind] of CASES) {
    it(`${JSON.stringify(id)} → ${String(kind)}`, () => assert.equal(personalDataKind(id), kind));
  }
});
