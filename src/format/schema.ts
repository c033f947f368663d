/**
 * The ticket JSON Schema, the contract with POS integrators: validation,
 * types and API documentation all derive from `ticket.schema.json`.
 */
import schemaJson from './ticket.schema.json';

/** The ticket format version this code implements. */
export const TICKET_FORMAT_VERSION = 1;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * The parsed ticket JSON Schema (draft 2020-12), deeply frozen: the compiled
 * validator was built from it, so a mutated copy would silently lie. Give it
 * to Fastify or an OpenAPI generator as is (clone it if a tool must edit it).
 */
export const ticketSchema: typeof schemaJson = deepFreeze(schemaJson);

/** Size limits of the format, read from the schema. */
export const TICKET_LIMITS = Object.freeze({
  maxLines: ticketSchema.properties.lines.maxItems,
  maxPayments: ticketSchema.properties.payments.maxItems,
  maxLineNo: ticketSchema.$defs.line.properties.lineNo.maximum,
  maxTicketIdLength: ticketSchema.$defs.ticketId.maxLength,
  maxDescriptionLength: ticketSchema.$defs.text.maxLength,
});
