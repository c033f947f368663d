/**
 * A local node's data folder as a chain's point of sale finds it: the
 * network of a synthetic workload provisioned on the ledger, and an API key
 * for one terminal of each store; and the POST a terminal makes.
 */
import { join } from 'node:path';
import { TerminalKeyStore } from '../../src/api/terminal-keys';
import { ContractClient } from '../../src/client/contract-client';
import type { Ticket } from '../../src/format';
import {
  bootstrapIfNew,
  localIdentities,
  LOCAL_RETAILER_MSP,
  openLocalLedger,
} from '../../src/node/local-node';
import { provisionNetwork } from '../../src/sim/provision';
import type { SyntheticWorkload } from '../../src/sim/workload';

/** Provisions `workload`'s stores, manufacturers and customers in `data`; returns an API key per store. */
export async function provisionPosNode(
  data: string,
  workload: SyntheticWorkload,
): Promise<Map<string, string>> {
  const ledger = openLocalLedger(data);
  await bootstrapIfNew(new ContractClient(ledger));
  await provisionNetwork(new ContractClient(ledger), workload, localIdentities, LOCAL_RETAILER_MSP);
  await ledger.close();
  const keyStore = new TerminalKeyStore(join(data, 'access.db'));
  try {
    return new Map(workload.storeIds.map((s) => [s, keyStore.create(s, 'pos-01').apiKey]));
  } finally {
    keyStore.close();
  }
}

/** `POST /v1/tickets` as the store's terminal. */
export function postTicket(url: string, apiKey: string, ticket: Ticket): Promise<Response> {
  return fetch(`${url}/v1/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify(ticket),
  });
}
