import type { ChaincodeStub } from 'fabric-shim-api';

/** Reads a JSON record; `undefined` when the key is absent. */
export async function getRecord<T>(
  stub: Pick<ChaincodeStub, 'getState'>,
  key: string,
): Promise<T | undefined> {
  const bytes = await stub.getState(key);
  if (bytes.length === 0) return undefined;
  return JSON.parse(Buffer.from(bytes).toString('utf8')) as T;
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
  return JSON.parse(Buffer.from(value).toString('utf8')) as T;
}
