import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newContracts } from '../../src/contract';
import type { LedgerGateway } from '../../src/ledger/gateway';
import { EmbeddedLedger } from '../../src/ledger/embedded';

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
