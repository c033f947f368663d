import { ContractCallError, type ContractClient } from '../client/contract-client';
import { newContracts } from '../contract';
import type { Identity } from '../ledger/gateway';
import { EmbeddedLedger, type BlockCutting } from '../ledger/embedded';

/** Organisation (MSP) ids of a single-node network. */
export const LOCAL_OPERATOR_MSP = 'OperatorMSP';
export const LOCAL_RETAILER_MSP = 'RetailerMSP';

/**
 * The identities a single-node Eter uses on its own embedded ledger. The
 * embedded ledger trusts its in-process callers, so these are plain records;
 * on Fabric the same names are X.509 identities with these attributes.
 */
export const localIdentities = {
  operator: identity(LOCAL_OPERATOR_MSP, 'operator', 'operator'),
  query: identity(LOCAL_OPERATOR_MSP, 'query-server', 'query'),
  auditor: identity(LOCAL_OPERATOR_MSP, 'auditor', 'auditor'),
  collector: identity(LOCAL_RETAILER_MSP, 'collector', 'collector'),
} satisfies Record<string, Identity>;

function identity(mspId: string, id: string, role: string): Identity {
  return { mspId, id, attributes: { 'eter.role': role } };
}

/** Opens (or creates) the embedded ledger of a local node, hosting Eter's contracts. */
export function openLocalLedger(dataDir: string, cutting?: Partial<BlockCutting>): EmbeddedLedger {
  return EmbeddedLedger.open({
    dataDir,
    contracts: newContracts(),
    ...(cutting ? { cutting } : {}),
  });
}

/**
 * Bootstraps the local operator on a new ledger; on one already
 * bootstrapped, does nothing. Returns the bootstrap transaction id, if it ran.
 */
export async function bootstrapIfNew(client: ContractClient): Promise<string | undefined> {
  try {
    const tx = await client.bootstrap(localIdentities.operator, {
      operatorMspId: LOCAL_OPERATOR_MSP,
    });
    return tx.transactionId;
  } catch (error) {
    if (error instanceof ContractCallError && error.code === 'CONFLICT') return undefined;
    throw error;
  }
}
