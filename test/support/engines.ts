import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newContracts } from '../../src/contract';
import type { LedgerGateway } from '../../src/ledger/gateway';
import { EmbeddedLedger } from '../../src/ledger/embedded';
import { FabricLedger, readConnectionProfile } from '../../src/ledger/fabric';
import { findInstallation } from '../../src/fabric/installation';
import { networkDown, networkUp } from '../../src/fabric/network';
import { newTopology, paths } from '../../src/fabric/topology';
import { reserveTestPorts } from './fabric-ports';
import { ids } from './identities';

/** A ledger engine the shared suites can run against. */
export interface EngineUnderTest {
  readonly name: string;
  /** A fresh, empty ledger hosting Eter's contracts. */
  open(): Promise<OpenedEngine>;
}

export interface OpenedEngine {
  readonly gateway: LedgerGateway;
  close(): Promise<void>;
}

/** A temporary folder removed by `cleanup`. */
export function tempDir(prefix = 'eter-test-'): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/** The embedded ledger in a temporary folder, with small blocks to exercise cutting. */
export const embeddedEngine: EngineUnderTest = {
  name: 'embedded',
  async open() {
    const dir = tempDir();
    const ledger = EmbeddedLedger.open({
      dataDir: dir.path,
      contracts: newContracts(),
      cutting: { maxTransactions: 50, timeoutMs: 2 },
    });
    return {
      gateway: ledger,
      async close() {
        await ledger.close();
        dir.cleanup();
      },
    };
  },
};

/** Whether the Fabric binaries are built; Fabric suites skip (outside CI) when not. */
export function fabricSkipReason(): string | undefined {
  try {
    findInstallation();
    return undefined;
  } catch (error) {
    if (process.env.CI) throw error;
    return `${(error as Error).message} (Fabric suites skipped)`;
  }
}

/**
 * A fresh local Fabric network in a temporary folder (two peer orgs, one
 * Raft orderer, the contract as chaincode-as-a-service), with every test
 * identity issued as an X.509 certificate carrying its attributes, on a
 * free port range reserved for it.
 */
export function fabricEngine(): EngineUnderTest {
  return {
    name: 'fabric',
    async open() {
      const dir = tempDir('eter-fabric-');
      const ports = await reserveTestPorts();
      const topology = newTopology({ dir: dir.path, basePort: ports.basePort });
      try {
        await networkUp(topology, { identities: Object.values(ids) });
      } catch (error) {
        await networkDown(topology);
        ports.release();
        throw error;
      }
      const ledger = FabricLedger.connect({
        profile: readConnectionProfile(paths(topology).profile),
      });
      return {
        gateway: ledger,
        async close() {
          await ledger.close();
          await networkDown(topology);
          ports.release();
          dir.cleanup();
        },
      };
    },
  };
}
