import type { ChaincodeStub } from 'fabric-shim-api';

/** Reads a JSON record; `undefined` when the key is absent. */
export async function getRecord<T>(
  stub: Pick<ChaincodeStub, 'getState'>,
  key: string,
): Promise<T | undefined> {
  const bytes = await stub.getState(key);
  if (bytes.length === 0) return undefined;
  return parseRecord<T>(bytes);
}

/**
 * Writes a record as JSON. Every endorsing peer must produce the very same
 * bytes: records are built by this contract in a fixed field order from
 * inputs parsed from the same JSON text, so `JSON.stringify` is
 * deterministic here, and much cheaper than canonical JSON.
 */
export async function putRecord(
  stub: Pick<ChaincodeStub, 'putState'>,
  key: string,
  record: unknown,
): Promise<void> {
  await stub.putState(key, Buffer.from(JSON.stringify(record), 'utf8'));
}

/** Parses the value of a range-query entry. */
export function parseRecord<T>(value: Uint8Array): T {
  // A view, not a copy: the text is decoded straight from the stub's bytes.
  return JSON.parse(
    Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8'),
  ) as T;
}
