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
 * Shared records by the very bytes they were parsed from. The embedded
 * ledger's stub serves committed values from memory and hands out the same
 * bytes until the key changes; on a Fabric peer every read brings new bytes
 * and this never hits. Entries go when the bytes do.
 */
const sharedRecords = new WeakMap<Uint8Array, unknown>();

/**
 * Reads a record that nearly every transaction reads (a store, a GS1
 * prefix bucket), parsing it once per stored bytes rather than once per
 * ticket. Only for such records: they are few, so what this keeps is
 * bounded. The record is frozen, deeply, since other transactions share
 * it: a change must be made on a copy.
 */
export async function getSharedRecord<T>(
  stub: Pick<ChaincodeStub, 'getState'>,
  key: string,
): Promise<T | undefined> {
  const bytes = await stub.getState(key);
  if (bytes.length === 0) return undefined;
  let record = sharedRecords.get(bytes);
  if (record === undefined) {
    record = deepFreeze(parseRecord<T>(bytes));
    sharedRecords.set(bytes, record);
  }
  return record as T;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
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
