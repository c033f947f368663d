import type { BlockTransaction, ContractEvent, LedgerBlock } from '../gateway/gateway';
import type { ValidationCode } from '../gateway/validation-code';
import type { BlockRow, TxRow } from './store';
import { storedParts } from './tx-open';
import { decodeLeafRecord, type LeafRecord } from './tx-record';
import type { ValidatedBlock } from './validated-block';
import { asBuffer } from './wire-bytes';

/** What a listener is told of one transaction, wherever it is read from. */
interface TransactionView {
  readonly txId: string;
  readonly validation: ValidationCode;
  readonly contract: string;
  readonly fn: string;
  readonly creatorMspId: string;
  readonly timestamp: string;
  readonly event: { readonly name: string; readonly payload: Uint8Array } | null;
}

/** Turns stored rows into the engine-neutral block that listeners receive. */
export function toLedgerBlock(block: BlockRow, rows: readonly TxRow[]): LedgerBlock {
  return {
    number: block.number,
    transactions: rows.map((row) => {
      const record = decodeLeafRecord(row.record);
      return blockTransaction(block.number, {
        txId: record.txId,
        validation: record.validation,
        contract: record.contract,
        fn: record.fn,
        creatorMspId: record.creator.mspId,
        timestamp: record.timestamp,
        event:
          record.event === null
            ? null
            : { name: eventName(record, row), payload: row.eventPayload ?? Buffer.alloc(0) },
      });
    }),
  };
}

/** The event's name: in a v1 record, or the last field of a v2 record's stored opening. */
function eventName(record: LeafRecord, row: TxRow): string {
  return record.v === 1
    ? (record.event?.name ?? '')
    : (storedParts(record, row.opening).eventName ?? '');
}

/**
 * The same block, from what the committer validated: what a listener gets
 * for a block that has just become durable, without reading back and
 * parsing what was written a moment ago.
 */
export function validatedToLedgerBlock(block: ValidatedBlock): LedgerBlock {
  return {
    number: block.number,
    transactions: block.transactions.map((tx) =>
      blockTransaction(block.number, {
        txId: tx.txId,
        validation: tx.validation,
        contract: tx.contract,
        fn: tx.fn,
        creatorMspId: tx.creator.mspId,
        timestamp: tx.timestamp,
        event: tx.event,
      }),
    ),
  };
}

function blockTransaction(blockNumber: number, tx: TransactionView): BlockTransaction {
  // An invalid transaction changed nothing, and emitted nothing either.
  const events: ContractEvent[] =
    tx.validation === 'VALID' && tx.event !== null
      ? [
          {
            blockNumber,
            transactionId: tx.txId,
            contract: tx.contract,
            name: tx.event.name,
            payload: asBuffer(tx.event.payload),
          },
        ]
      : [];
  return {
    transactionId: tx.txId,
    validationCode: tx.validation,
    contract: tx.contract,
    fn: tx.fn,
    creatorMspId: tx.creatorMspId,
    timestamp: tx.timestamp,
    events,
  };
}
