import { ContractClient } from '../../src/client/contract-client';
import type { TicketRecord } from '../../src/contract';
import { localIdentities, openLocalLedger } from '../../src/node/local-node';

/**
 * Every ticket recorded for the given stores, read back from the ledger in
 * `data` (so no server may hold it open).
 */
export async function recordedTickets(
  data: string,
  storeIds: readonly string[],
): Promise<TicketRecord[]> {
  const ledger = openLocalLedger(data);
  try {
    const client = new ContractClient(ledger);
    const records: TicketRecord[] = [];
    for (const storeId of storeIds) {
      let cursor: string | undefined;
      do {
        const page = await client.listStoreTickets(localIdentities.auditor, {
          storeId,
          limit: 1000,
          ...(cursor === undefined ? {} : { cursor }),
        });
        records.push(...page.tickets);
        cursor = page.cursor;
      } while (cursor !== undefined);
    }
    return records;
  } finally {
    await ledger.close();
  }
}
