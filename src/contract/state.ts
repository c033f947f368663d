import type { ChaincodeStub } from 'fabric-shim-api';
import { canonicalJson } from '../format';

/**
 * Reads a JSON record; `undefined` when the key is absent. Records are
 * written in canonical JSON so that every endorsing peer produces the very
 * same bytes for the same state change.
 */
export async function getRecord<T>(
  stub: Pick<ChaincodeStub, 'getState'>,
  key: string,
): Promise<T | undefined> {
  const bytes = await stub.getState(key);
  if (bytes.length === 0) return undefined;
  return JSON.parse(Buffer.from(bytes).toString('utf8')) as T;
}

/** Writes a record as canonical JSON. */
export async function putRecord(
  stub: Pick<ChaincodeStub, 'putState'>,
  key: string,
  record: unknown,
): Promise<void> {
  await stub.putState(key, Buffer.from(canonicalJson(record), 'utf8'));
}

/** Parses the value of a range-query entry. */
export function parseRecord<T>(value: Uint8Array): T {
  return JSON.parse(Buffer.from(value).toString('utf8')) as T;
}
