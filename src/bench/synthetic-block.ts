import { createHash } from 'node:crypto';
import type { BlockTransaction, LedgerBlock } from '../ledger/gateway';
import { LOCAL_RETAILER_MSP } from '../node/local-node';
import type { SyntheticWorkload } from '../sim/workload';
import { ticketRecordedEvent, type Attribution } from './synthetic-ticket-event';

/**
 * A block of `TicketRecorded` transactions as the contract builds them, one
 * per issue time, each ticket the workload's next. `txTag` and the ticket's
 * position make each transaction id unique across calls.
 * @returns the block and how many lines its tickets hold.
 */
export function syntheticTicketBlock(
  workload: SyntheticWorkload,
  attribution: Attribution,
  number: number,
  issuedAts: readonly Date[],
  txTag: string,
): { block: LedgerBlock; lines: number } {
  const transactions: BlockTransaction[] = [];
  let lines = 0;
  for (const [i, issuedAt] of issuedAts.entries()) {
    const ticket = workload.nextTicket(issuedAt);
    lines += ticket.lines.length;
    const txId = createHash('sha256').update(`${txTag}:${number}:${i}`).digest('hex');
    const event = ticketRecordedEvent(ticket, txId, attribution);
    transactions.push({
      transactionId: txId,
      validationCode: 'VALID',
      contract: 'tickets',
      fn: 'RecordTicket',
      creatorMspId: LOCAL_RETAILER_MSP,
      timestamp: issuedAt.toISOString(),
      events: [
        {
          blockNumber: number,
          transactionId: txId,
          contract: 'tickets',
          name: 'TicketRecorded',
          payload: Buffer.from(JSON.stringify(event)),
        },
      ],
    });
  }
  return { block: { number, transactions }, lines };
}
