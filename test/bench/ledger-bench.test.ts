/**
 * `npm run bench:ledger` at a toy size: it prints the figures it promises,
 * and `--preload` records into a ledger that already holds that many
 * tickets. No timing is asserted; that is the benchmark's job.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';

const BENCH = join(__dirname, '..', '..', '..', 'bin', 'bench-ledger.js');
const run = promisify(execFile);

async function bench(...args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run(process.execPath, [BENCH, '--runs', '1', '--json', ...args], {
    timeout: 120_000,
  });
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('bench:ledger', () => {
  it('prints one JSON object with the figures the issue names, and preloads when asked', async () => {
    const plain = await bench('--tickets', '100');
    const preloaded = await bench('--tickets', '100', '--preload', '150');
    for (const summary of [plain, preloaded]) {
      for (const key of [
        'ticketsPerSec',
        'p50Ms',
        'p99Ms',
        'plainInsertPerSec',
        'ratioToPlainInsert',
        'verifyTxPerSec',
        'verifyCpuMicrosPerTx',
        'peakRssMb',
      ]) {
        assert.equal(typeof summary[key], 'number', key);
      }
      assert.equal(summary.failed, 0);
      // What the targets leave a ticket and a verified transaction on this machine's cores.
      const cores = (summary.machine as { cores: number }).cores;
      const budget = summary.cpuBudgetMicros as Record<string, number>;
      assert.equal(budget.ticket, (cores * 1e6) / 10_000);
      assert.equal(budget.verifyTx, (cores * 1e6) / 100_000);
      assert.ok(
        Math.abs(
          budget.ticketAtRatio! - (cores * 1e6) / (0.3 * (summary.plainInsertPerSec as number)),
        ) < 1,
      );
      assert.equal(summary.tickets, 100);
    }
    assert.equal(plain.preload, 0);
    assert.equal(preloaded.preload, 150);
    // The same provisioning in both: the preloaded tickets are the difference.
    assert.equal(
      (preloaded.ledgerTransactions as number) - (plain.ledgerTransactions as number),
      150,
    );
  });

  it('refuses a negative preload, naming the flag', async () => {
    await assert.rejects(bench('--tickets', '10', '--preload', '-1'), (error: Error) => {
      assert.match(error.message, /--preload takes a whole number of at least 0, not "-1"/);
      return true;
    });
  });
});
