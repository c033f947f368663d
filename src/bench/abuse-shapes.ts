/**
 * Adversarial collector bodies, each at the largest size a limit allows:
 * what `bench:abuse` sends and the abuse tests post. A body is built as
 * text, to the byte, so that it sits just under the body limit it targets.
 */
import { MAX_BODY_DEPTH } from '../api/body-check/ticket-body';
import { STRUCTURE_LIMITS } from '../format';

/** Most tickets in a batch (the collector's limit). */
const MAX_BATCH = 1000;

/** One adversarial shape: a ticket body of at most `bytes` bytes. */
export interface AbuseShape {
  readonly name: string;
  /** True when the collector refuses the whole body (400) before parsing it. */
  readonly refusedWhole?: boolean;
  /** A ticket's JSON, at most `bytes` long (UTF-8). */
  ticket(bytes: number): string;
}

/** `[item,item,…]` with as many items as fit in `bytes` (at least one). */
function fill(open: string, item: string, close: string, bytes: number, max = Infinity): string {
  const count = Math.max(
    1,
    Math.min(max, Math.floor((bytes - open.length - close.length + 1) / (item.length + 1))),
  );
  return `${open}${Array.from({ length: count }, () => item).join(',')}${close}`;
}

/** A line's fields. */
const WRONG_FIELDS = [
  'lineNo',
  'gtin',
  'sku',
  'description',
  'quantity',
  'unit',
  'unitPrice',
  'discount',
  'taxRate',
  'amount',
  'originalLineNo',
];

/** A line with every field of the wrong JSON type. */
const WRONG_LINE = JSON.stringify({
  lineNo: 'x',
  gtin: 1,
  sku: 2,
  description: 3,
  quantity: 4,
  unit: 5,
  unitPrice: 6,
  discount: 7,
  taxRate: 8,
  amount: 9,
  originalLineNo: 'y',
});

/** A line whose every string is as long as the structural check lets through. */
const LONG_LINE = (() => {
  const long = 'x'.repeat(STRUCTURE_LIMITS.maxStringLength);
  return JSON.stringify({
    lineNo: 1,
    gtin: long,
    sku: long,
    description: long,
    quantity: long,
    unit: long,
    unitPrice: long,
    discount: long,
    taxRate: long,
    amount: long,
  });
})();

export const ABUSE_SHAPES: readonly AbuseShape[] = [
  {
    name: 'empty lines',
    ticket: (bytes) => fill('{"lines":[', '{}', ']}', bytes),
  },
  {
    name: '500 empty lines',
    ticket: (bytes) => fill('{"lines":[', '{}', ']}', bytes, STRUCTURE_LIMITS.maxLines),
  },
  {
    name: 'every field wrong',
    ticket: (bytes) => {
      const head =
        '{"ticketId":1,"storeId":2,"terminalId":3,"issuedAt":4,"type":5,"currency":6,"customerId":7,' +
        '"originalTicketId":8,"originalStoreId":9,"total":10,"change":11,' +
        `"payments":[${Array.from({ length: STRUCTURE_LIMITS.maxPayments }, () => '{"method":1,"amount":2,"grantCode":3}').join(',')}],` +
        '"lines":[';
      return fill(head, WRONG_LINE, ']}', bytes, STRUCTURE_LIMITS.maxLines);
    },
  },
  {
    name: 'longest strings',
    ticket: (bytes) => fill('{"lines":[', LONG_LINE, ']}', bytes, STRUCTURE_LIMITS.maxLines),
  },
  {
    name: 'nesting bomb',
    refusedWhole: true,
    ticket: (bytes) => {
      const depth = Math.max(1, Math.floor((bytes - 30) / 2));
      return `{"lines":[{"gtin":${'['.repeat(depth)}${']'.repeat(depth)}}]}`;
    },
  },
  {
    name: 'deepest nesting',
    ticket: (bytes) => {
      // Every field of every line nested as deep as a batch body allows.
      const depth = MAX_BODY_DEPTH - 5;
      const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
      const line = `{${WRONG_FIELDS.map((f) => `"${f}":${nested}`).join(',')}}`;
      return fill('{"lines":[', line, ']}', bytes, STRUCTURE_LIMITS.maxLines);
    },
  },
  {
    name: 'many properties',
    ticket: (bytes) => {
      // Short distinct names: k0, k1, … as many as fit.
      const parts: string[] = [];
      let size = 2;
      for (let i = 0; ; i++) {
        const part = `"k${i}":0`;
        if (size + part.length + 1 > bytes) break;
        parts.push(part);
        size += part.length + 1;
      }
      return `{${parts.join(',')}}`;
    },
  },
];

/**
 * A batch of `count` tickets of `shape` (1000 by default, the most a batch
 * holds), together at most `bytes` long.
 */
export function batchOf(shape: AbuseShape, bytes: number, count = MAX_BATCH): string {
  const each = Math.floor((bytes - 16) / count) - 1;
  const ticket = shape.ticket(each);
  return `{"tickets":[${Array.from({ length: count }, () => ticket).join(',')}]}`;
}
