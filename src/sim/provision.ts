import type { ContractClient } from '../client/contract-client';
import type { Identity } from '../ledger/gateway';
import { SYNTHETIC_MANUFACTURERS, type SyntheticWorkload } from './workload';

/** Who registers what when a synthetic network is provisioned. */
export interface ProvisionIdentities {
  readonly operator: Identity;
}

/**
 * Registers a workload's stores (under their retailers), manufacturers and customers on a freshly
 * bootstrapped ledger, concurrently (the ledger batches them into blocks).
 */
export async function provisionNetwork(
  client: ContractClient,
  workload: SyntheticWorkload,
  as: ProvisionIdentities,
  storeMspId: string,
): Promise<void> {
  await Promise.all(
    workload.storeIds.map((storeId, i) =>
      client.registerStore(as.operator, {
        storeId,
        name: `Store ${i + 1}`,
        mspId: storeMspId,
        retailerId: workload.retailerOf(storeId),
      }),
    ),
  );
  // Manufacturers one by one: their prefixes share buckets, and concurrent claims would conflict.
  for (const m of SYNTHETIC_MANUFACTURERS) {
    await client.registerManufacturer(as.operator, {
      manufacturerId: m.manufacturerId,
      name: m.name,
      prefixes: [m.prefix],
    });
  }
  const batch = 1_000;
  for (let i = 0; i < workload.customerIds.length; i += batch) {
    await Promise.all(
      workload.customerIds
        .slice(i, i + batch)
        .map((customerId) => client.registerCustomer(as.operator, { customerId })),
    );
  }
}
