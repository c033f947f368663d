/**
 * Opaque page cursors: the sort key of the last row served, so that the next
 * page starts strictly after it whatever was inserted meanwhile.
 */

/** Encodes a position (the values of the ordering columns). */
export function encodeCursor(position: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** A cursor that does not decode to the expected shape. */
export class CursorError extends Error {
  constructor() {
    super('the cursor is not one this server issued');
    this.name = 'CursorError';
  }
}

/**
 * Decodes a cursor made by {@link encodeCursor} for columns of the given types.
 * @throws {CursorError} when it does not match.
 */
export function decodeCursor<T extends readonly ('string' | 'number')[]>(
  cursor: string,
  types: T,
): { [K in keyof T]: T[K] extends 'string' ? string : number } {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new CursorError();
  }
  if (
    !Array.isArray(value) ||
    value.length !== types.length ||
    value.some((v, i) => typeof v !== types[i])
  ) {
    throw new CursorError();
  }
  return value as { [K in keyof T]: T[K] extends 'string' ? string : number };
}
