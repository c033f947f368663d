/**
 * A ledger is append-only: what is written can never be erased, so a right
 * to erasure can only be honoured by never writing personal data at all.
 * Customer ids must be pseudonyms (the link to a person lives off the
 * ledger); this module catches the usual ways real identities leak into them.
 */

/** The kind of personal data an identifier looks like. */
export type PersonalDataKind = 'email address' | 'phone number' | 'payment card number';

// Runs of 13-19 digits, possibly grouped with single spaces, dots or dashes
// ("4111-1111-1111-1111"): the length of payment card numbers (ISO/IEC 7812).
const DIGIT_RUN = /[0-9](?:[ .-]?[0-9]){12,18}/g;
const SEPARATORS = /[ .-]/g;
// A phone number: an optional international prefix, then 7-15 digits
// (E.164 allows at most 15) with the usual separators.
const PHONE = /^(?:\+|00)?[0-9](?:[ .()-]{0,2}[0-9]){6,14}$/;

/** Luhn (mod 10) check, as used by payment card numbers. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * The kind of personal data `id` looks like, or `undefined` if it looks like
 * a pseudonym: anything with an '@' is an email address; any run of 13-19
 * digits (grouping separators allowed) that passes the Luhn check is a payment card number; an id made
 * only of 7-15 digits (with an optional + or 00 prefix and separators) is a
 * phone number. Deliberately blunt: a pseudonym never needs to look like one.
 */
export function personalDataKind(id: string): PersonalDataKind | undefined {
  if (id.includes('@')) return 'email address';
  for (const run of id.match(DIGIT_RUN) ?? []) {
    if (passesLuhn(run.replace(SEPARATORS, ''))) return 'payment card number';
  }
  if (PHONE.test(id)) return 'phone number';
  return undefined;
}
