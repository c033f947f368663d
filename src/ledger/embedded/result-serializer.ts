import type { JSONSerializer } from 'fabric-contract-api';

/**
 * A transaction's result as the bytes fabric-contract-api's JSONSerializer
 * gives on a peer. A tree of plain objects, arrays, strings, finite numbers,
 * booleans and null (what Eter's contracts return) goes straight to
 * `JSON.stringify`, which gives the same bytes as the serializer's
 * `classToPlain` + `JSON.stringify` without class-transformer's walk and the
 * debug line the serializer logs on every call; anything else goes through
 * the serializer itself.
 */
export function serializeResult(
  serializer: JSONSerializer,
  result: unknown,
  returns: Record<string, unknown>,
  contractName: string,
): Buffer {
  if (returns.type === undefined && isPlainTree(result, 0)) {
    return Buffer.from(JSON.stringify(result), 'utf8');
  }
  const bytes = serializer.toBuffer(result, returns, contractName) as Buffer | undefined;
  return bytes ?? Buffer.alloc(0);
}

const MAX_DEPTH = 32;

function isPlainTree(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!isPlainValue(item, depth)) return false;
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key in value) {
    if (!isPlainValue((value as Record<string, unknown>)[key], depth)) return false;
  }
  return true;
}

function isPlainValue(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      return value === null || isPlainTree(value, depth + 1);
    default:
      return false;
  }
}
