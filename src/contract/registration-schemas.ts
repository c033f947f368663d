/**
 * The bodies that register a participant, written once for the contract
 * (src/contract/requests.ts) and the operator's API routes
 * (src/api/routes/participants/schemas.ts), so that both accept exactly the
 * same documents. They differ only in how they point at the ticket format's
 * id definitions: the contract by the format's own `$id`, the API by the
 * shared schemas its OpenAPI document carries (`TicketShortId#`,
 * `TicketCustomerId#`); hence a function of the two references.
 */

/** A Fabric MSP id. */
export const mspIdSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
} as const;

/** A participant's display name. */
export const nameSchema = { type: 'string', minLength: 1, maxLength: 120 } as const;

/** A points rate in basis points of a ticket's total (100 % at most). */
export const rateBpSchema = { type: 'integer', minimum: 0, maximum: 10_000 } as const;

/** GS1 company prefixes: the GTINs whose sales a manufacturer sees. */
const prefixesSchema = {
  type: 'array',
  minItems: 1,
  maxItems: 100,
  uniqueItems: true,
  items: { type: 'string', pattern: '^[0-9]{4,12}$' },
} as const;

/** The three registration bodies, with `id` and `customerId` the references to the format's ids. */
export function registrationBodies<Id extends object, CustomerId extends object>(
  id: Id,
  customerId: CustomerId,
) {
  return {
    store: {
      type: 'object',
      additionalProperties: false,
      required: ['storeId', 'name', 'mspId'],
      properties: {
        storeId: id,
        name: nameSchema,
        mspId: mspIdSchema,
        retailerId: { ...id, description: 'The retailer (chain); default: the storeId' },
        pointsRateBp: rateBpSchema,
      },
    },
    manufacturer: {
      type: 'object',
      additionalProperties: false,
      required: ['manufacturerId', 'name', 'prefixes'],
      properties: { manufacturerId: id, name: nameSchema, prefixes: prefixesSchema },
    },
    customer: {
      type: 'object',
      additionalProperties: false,
      required: ['customerId'],
      properties: { customerId },
    },
  } as const;
}
