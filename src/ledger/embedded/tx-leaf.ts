import { SALT_SIZE } from '../verifier';
import { leafDigests, leafV3, readElements, type ElementOpening } from './tx-elements';
import { storedParts, TxOpeningError, type TxOpeningRow } from './tx-open';
import type { LeafRecord, TxRecordV2 } from './tx-record';

/** A stored version 3 transaction's elements: their canonical JSON, salts and decoys' seed. */
export interface StoredElements {
  readonly json: readonly string[];
  readonly opening: ElementOpening;
}

/**
 * The elements a stored version 3 transaction committed to, or `null` when it has none.
 * @throws {TxOpeningError} `elements` when the arguments no longer hold them as sealed, or
 * `opening` when the stored opening is unreadable.
 */
export function storedElements(record: TxRecordV2, row: TxOpeningRow): StoredElements | null {
  if (record.v !== 3 || record.elements === null || record.elements === undefined) return null;
  const opening = storedParts(record, row.opening).elements;
  const json = readElements(record.elements, row.args);
  if (opening === null || json === undefined || json.length * SALT_SIZE !== opening.salts.length) {
    throw new TxOpeningError('elements', 'the stored arguments do not hold the sealed elements');
  }
  return { json, opening };
}

/** The element digests a stored version 3 transaction's leaf lists, or `null`. */
export function storedLeafDigests(record: TxRecordV2, row: TxOpeningRow): string[] | null {
  const elements = storedElements(record, row);
  return elements === null ? null : leafDigests(elements.opening, elements.json);
}

/**
 * The log leaf of a stored transaction: a version 3 record's computed from the record, its
 * arguments and opening; an earlier record is its own leaf.
 * @throws {TxOpeningError} as {@link storedElements}.
 */
export function leafOfRow(record: LeafRecord, row: TxOpeningRow): Buffer {
  if (record.v !== 3) return row.record;
  return leafV3(record, row.record, storedLeafDigests(record, row));
}
