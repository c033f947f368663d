import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SCHEMA_KEYWORDS } from './rules';
import { TICKET_FORMAT_VERSION, TICKET_LIMITS, ticketSchema } from './schema';

// Keywords that structure or annotate the schema but never fail validation.
const NON_VALIDATING = new Set([
  '$schema',
  '$id',
  '$ref',
  '$defs',
  'title',
  'description',
  'properties',
  'items',
]);

/** Every keyword used anywhere in the schema. */
function keywords(schema: unknown, out = new Set<string>()): Set<string> {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return out;
  for (const [key, value] of Object.entries(schema)) {
    out.add(key);
    if (key === 'properties' || key === '$defs') {
      for (const child of Object.values(value as object)) keywords(child, out);
    } else if (key === 'items') {
      keywords(value, out);
    }
  }
  return out;
}

describe('ticketSchema', () => {
  it('is draft 2020-12 with a versioned $id', () => {
    assert.equal(ticketSchema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.equal(
      ticketSchema.$id,
      `https://eter.dev/schemas/ticket/v${TICKET_FORMAT_VERSION}.json`,
    );
  });

  it('uses only validation keywords that SchemaKeyword names', () => {
    const used = [...keywords(ticketSchema)].filter((k) => !NON_VALIDATING.has(k)).sort();
    assert.deepEqual(used, Object.keys(SCHEMA_KEYWORDS).sort());
  });

  it('refuses unknown properties at every object level', () => {
    const objects = [ticketSchema, ticketSchema.$defs.line, ticketSchema.$defs.payment];
    for (const object of objects) assert.equal(object.additionalProperties, false);
  });

  it('bounds every string and every list', () => {
    const unbounded: string[] = [];
    const visit = (schema: Record<string, unknown>, where: string): void => {
      if (schema.type === 'string' && schema.enum === undefined && schema.maxLength === undefined)
        unbounded.push(where);
      if (schema.type === 'array' && schema.maxItems === undefined) unbounded.push(where);
    };
    for (const [name, def] of Object.entries(ticketSchema.$defs)) visit(def, `$defs/${name}`);
    for (const [name, prop] of Object.entries(ticketSchema.properties))
      visit(prop, `properties/${name}`);
    assert.deepEqual(unbounded, []);
  });

  it('is deeply frozen, so that nobody edits the contract at run time', () => {
    assert.throws(() => {
      (ticketSchema.properties.lines as { maxItems: number }).maxItems = 10_000;
    }, TypeError);
    assert.throws(() => {
      (ticketSchema.$defs.paymentMethod.enum as string[]).push('points');
    }, TypeError);
  });

  it('exposes its limits', () => {
    assert.deepEqual(TICKET_LIMITS, {
      maxLines: 500,
      maxPayments: 20,
      maxLineNo: 9999,
      maxTicketIdLength: 64,
      maxDescriptionLength: 120,
    });
  });
});
