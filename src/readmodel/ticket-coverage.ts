import type { LedgerBlock } from '../ledger/gateway';
import type { TicketRecordedEvent } from '../contract/events';
import type { ReadModel } from './read-model';

/** A recorded ticket, where the ledger or the read model says it is. */
export interface TicketPlace {
  readonly storeId: string;
  readonly ticketId: string;
  readonly txId: string;
  readonly blockNumber: number;
}

/** The outcome of {@link checkTicketCoverage}. */
export interface TicketCoverageReport {
  /** True when the read model has exactly the ledger's valid tickets up to `throughBlock`. */
  readonly ok: boolean;
  /** The read model's checkpoint: blocks after it are not projected yet, so not compared. */
  readonly throughBlock: number;
  /** Valid ticket transactions on the ledger up to `throughBlock`. */
  readonly ledgerTickets: number;
  readonly readModelTickets: number;
  /** On the ledger (valid) but not in the read model. */
  readonly missing: readonly TicketPlace[];
  /** In the read model but not a valid ticket transaction of the ledger (or of another transaction). */
  readonly extra: readonly TicketPlace[];
}

/** Every ticket a valid transaction recorded: its `TicketRecorded` event, as the projector reads it. */
export function ledgerTickets(blocks: Iterable<LedgerBlock>): TicketPlace[] {
  const tickets: TicketPlace[] = [];
  for (const block of blocks) {
    for (const tx of block.transactions) {
      if (tx.validationCode !== 'VALID') continue;
      for (const event of tx.events) {
        if (event.name !== 'TicketRecorded') continue;
        const recorded = JSON.parse(
          Buffer.from(event.payload).toString('utf8'),
        ) as TicketRecordedEvent;
        tickets.push({
          storeId: recorded.storeId,
          ticketId: recorded.ticketId,
          txId: tx.transactionId,
          blockNumber: block.number,
        });
      }
    }
  }
  return tickets;
}

const keyOf = (t: TicketPlace) => `${t.storeId}\u0000${t.ticketId}\u0000${t.txId}`;

/**
 * Compares the ledger's valid ticket transactions with the read model's
 * tickets, both ways, up to the read model's checkpoint (a projector running
 * beside may be a block or two behind; what it has not reached is not
 * missing). A read-model row names the transaction that recorded it, so a
 * row pointing at another transaction counts as extra, and the ledger's as
 * missing.
 */
export function checkTicketCoverage(
  blocks: Iterable<LedgerBlock>,
  readModel: ReadModel,
): TicketCoverageReport {
  // One read transaction, so that the checkpoint and the rows agree while a projector writes.
  return readModel.db.transaction(() => {
    const throughBlock = readModel.checkpoint();
    const onLedger = ledgerTickets(blocks).filter((t) => t.blockNumber <= throughBlock);
    const inModel = readModel.db
      .prepare(
        `SELECT store_id AS storeId, ticket_id AS ticketId, tx_id AS txId,
                block_number AS blockNumber
           FROM ticket ORDER BY seq`,
      )
      .all() as TicketPlace[];
    const ledgerKeys = new Set(onLedger.map(keyOf));
    const modelKeys = new Set(inModel.map(keyOf));
    const missing = onLedger.filter((t) => !modelKeys.has(keyOf(t)));
    const extra = inModel.filter((t) => !ledgerKeys.has(keyOf(t)));
    return {
      ok: missing.length === 0 && extra.length === 0,
      throughBlock,
      ledgerTickets: onLedger.length,
      readModelTickets: inModel.length,
      missing,
      extra,
    };
  })();
}
