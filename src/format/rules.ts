/**
 * The names of everything a ticket can be refused for. Names are stable:
 * integrators match on them, and `rules.test.ts` fails when one is missing
 * from docs/ticket-format.md.
 */

/** A rule checked by code on top of the schema (arithmetic, check digits, policy). */
export type TicketRule =
  /** The currency is not an ISO 4217 code this format accepts. */
  | 'unknown-currency'
  /** An amount has more decimals than the currency's minor unit (EUR 2, JPY 0, KWD 3). */
  | 'currency-precision'
  /** A quantity is zero. */
  | 'quantity-positive'
  /** A line's discount is larger than quantity × unitPrice. */
  | 'line-discount'
  /** A line's amount is not quantity × unitPrice − discount rounded half-even. */
  | 'line-amount'
  /** The total is not the sum of the line amounts. */
  | 'total'
  /** The payments minus the change do not equal the total. */
  | 'payments-total'
  /** Two lines share a lineNo. */
  | 'unique-line-no'
  /** Return references are missing on a return, present on a sale, or point at the ticket itself. */
  | 'return-original'
  /** A GTIN's last digit is not its GS1 check digit. */
  | 'gtin-check-digit'
  /** A customerId looks like an email address, phone number or payment card number. */
  | 'personal-data'
  /** issuedAt has no UTC offset, a malformed one, or -00:00. */
  | 'rfc3339-offset'
  /**
   * A pointsRedeemed payment without a grantCode, a grantCode on another
   * method, more than one pointsRedeemed payment, or one on a return.
   */
  | 'points-payment'
  /**
   * A receipt text holds a lone surrogate (Unicode category Cs): not text,
   * and not I-JSON (RFC 7493). The schema's pattern says Cc; many JSON
   * Schema tools cannot express Cs, whose code points their strings cannot hold.
   */
  | 'unicode-text';

/** The JSON Schema keywords that `ticket.schema.json` uses to validate. */
export type SchemaKeyword =
  | 'type'
  | 'required'
  | 'additionalProperties'
  | 'enum'
  | 'pattern'
  | 'format'
  | 'minLength'
  | 'maxLength'
  | 'minItems'
  | 'maxItems'
  | 'minimum'
  | 'maximum';

/**
 * A structural limit checked before the schema (`limits.ts`), besides the
 * schema's own `maxLength` and `maxItems`, which that check also reports.
 */
export type LimitRule = 'maxProperties' | 'propertyNames';

/** One reason a ticket is refused. */
export interface TicketError {
  /**
   * RFC 6901 JSON pointer to the offending value ("" is the whole ticket).
   * For a missing or unknown property it points at the property itself,
   * e.g. "/lines/0/gtin".
   */
  readonly path: string;
  /** A {@link TicketRule}, the JSON Schema keyword that failed, or a {@link LimitRule}. */
  readonly rule: TicketRule | SchemaKeyword | LimitRule;
  /** A sentence for the integrator; wording may change, `rule` will not. */
  readonly message: string;
}

/** Every {@link TicketRule} with its meaning. */
export const TICKET_RULES: Readonly<Record<TicketRule, string>> = Object.freeze({
  'unknown-currency': 'The currency is not an ISO 4217 code this format accepts.',
  'currency-precision':
    "An amount has more decimals than the currency's minor unit (EUR 2, JPY 0, KWD 3).",
  'quantity-positive': 'A quantity is zero.',
  'line-discount': 'A line discount is larger than quantity × unitPrice.',
  'line-amount': 'A line amount is not quantity × unitPrice − discount, rounded half-even.',
  total: 'The total is not the sum of the line amounts.',
  'payments-total': 'The payments minus the change do not equal the total.',
  'unique-line-no': 'Two lines share a lineNo.',
  'return-original':
    'Return references are missing on a return, present on a sale, or point at the ticket itself.',
  'gtin-check-digit': "A GTIN's last digit is not its GS1 check digit.",
  'personal-data': 'A customerId looks like an email address, phone number or payment card number.',
  'rfc3339-offset': 'issuedAt has no UTC offset, a malformed one, or -00:00.',
  'points-payment':
    'A pointsRedeemed payment lacks its grantCode, a grantCode is on another method, there is more than one pointsRedeemed payment, or one is on a return.',
  'unicode-text':
    'A receipt text holds a lone surrogate (U+D800 to U+DFFF unpaired): not Unicode text.',
});

/** Every {@link SchemaKeyword} with its meaning. */
export const SCHEMA_KEYWORDS: Readonly<Record<SchemaKeyword, string>> = Object.freeze({
  type: 'The value has the wrong JSON type (e.g. a number where a decimal string is expected).',
  required: 'A required property is missing.',
  additionalProperties: 'A property is not part of the format.',
  enum: 'The value is not one of the allowed values.',
  pattern: 'The string does not have the required form.',
  format: 'issuedAt is not an RFC 3339 date-time, or not a real date or time.',
  minLength: 'The string is too short (empty).',
  maxLength: 'The string is too long.',
  minItems: 'The list is empty.',
  maxItems: 'The list has too many entries.',
  minimum: 'The number is too small.',
  maximum: 'The number is too large.',
});

/** Every {@link LimitRule} with its meaning. */
export const LIMIT_RULES: Readonly<Record<LimitRule, string>> = Object.freeze({
  maxProperties: 'An object has more than 32 properties (checked before anything else).',
  propertyNames: 'A property name is longer than 64 characters (checked before anything else).',
});
