/**
 * Ticket format v1: the schema, its types and validator, exact money, GTINs,
 * canonical JSON and content hashes. The layers above import from here only.
 */
export type {
  Ticket,
  TicketLine,
  Payment,
  PaymentMethod,
  TicketType,
  QuantityUnit,
  DecimalString,
} from './types';
export { TICKET_FORMAT_VERSION, TICKET_LIMITS, ticketSchema } from './schema';
export { validateTicket, type TicketValidation } from './validate';
export { STRUCTURE_LIMITS } from './limits';
export {
  TICKET_RULES,
  SCHEMA_KEYWORDS,
  LIMIT_RULES,
  type LimitRule,
  type TicketRule,
  type SchemaKeyword,
  type TicketError,
} from './rules';
export {
  parseDecimal,
  pow10,
  roundHalfEven,
  divideHalfEven,
  formatDecimal,
  DecimalError,
  type Decimal,
  type DecimalErrorCode,
} from './decimal';
export { fromMilli, toMilli } from './quantity';
export {
  currencyMinorUnits,
  toMinorUnits,
  formatMinorUnits,
  supportedCurrencies,
} from './currency';
export {
  isValidGtin,
  gtinCheckDigit,
  toGtin14,
  companyPrefixSpace,
  isValidCompanyPrefix,
  GtinError,
} from './gtin';
export { isRfc3339DateTime } from './datetime';
export { canonicalJson, contentHash, CanonicalJsonError } from './canonical';
export {
  fieldError,
  fieldErrors,
  newSchemaEngine,
  schemaEngine,
  type FieldError,
  type SchemaEngine,
} from './json-schema';
