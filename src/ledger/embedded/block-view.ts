import type { BlockTransaction, ContractEvent, LedgerBlock } from '../gateway/gateway';
import type { BlockRow, TxRow } from './store';
import { decodeTxRecord } from './tx-record';

/** Turns stored rows into the engine-neutral block that listeners receive. */
export function toLedgerBlock(block: BlockRow, rows: readonly TxRow[]): LedgerBlock {
  const transactions = rows.map((row): BlockTransaction => {
    const record = decodeTxRecord(row.record);
    const events: ContractEvent[] =
      record.validation === 'VALID' && record.event !== null
        ? [
            {
              blockNumber: block.number,
              transactionId: record.txId,
              contract: record.contract,
              name: record.event.name,
              payload: row.eventPayload ?? Buffer.alloc(0),
            },
          ]
        : [];
    return {
      transactionId: record.txId,
      validationCode: record.validation,
      contract: record.contract,
      fn: record.fn,
      creatorMspId: record.creator.mspId,
      timestamp: record.timestamp,
      events,
    };
  });
  return { number: block.number, transactions };
}
