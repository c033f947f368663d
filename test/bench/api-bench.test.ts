/**
 * `npm run bench:api` at a toy size: it runs end to end and prints the
 * figures it promises. No timing is asserted; that is the benchmark's job.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';

const BENCH = join(__dirname, '..', '..', '..', 'bin', 'bench-api.js');

describe('bench:api', () => {
  it('runs every phase at a tiny size and prints one JSON object', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [BENCH, '--read-model-tickets', '500', '--duration', '1', '--runs', '1', '--json'],
      { timeout: 120_000 },
    );
    const summary = JSON.parse(stdout) as Record<string, unknown>;
    for (const key of [
      'singlePerSec',
      'singleP50Ms',
      'singleP99Ms',
      'batchTicketsPerSec',
      'salesQueryP50Ms',
      'salesQueryP99Ms',
      'streamLagP50Ms',
      'streamLagP99Ms',
      'serverPeakRssMb',
      'singleServerCpuMicrosPerTicket',
      'batchServerCpuMicrosPerTicket',
    ]) {
      assert.equal(typeof summary[key], 'number', key);
    }
    const cores = (summary.machine as { cores: number }).cores;
    assert.deepEqual(summary.cpuBudgetMicros, {
      single: (cores * 1e6) / 5_000,
      batch: (cores * 1e6) / 20_000,
    });
    assert.equal(summary.readModelTickets, 500);
    // The peak covers every phase, the logins between them included (and
    // the start and warm-up, which no phase reports).
    const byPhase = summary.serverPeakRssByPhaseMb as Record<string, number>;
    assert.deepEqual(Object.keys(byPhase), ['single', 'batch', 'logins', 'salesQuery', 'stream']);
    assert.ok((summary.serverPeakRssMb as number) >= Math.max(...Object.values(byPhase)));
    // Every request of every phase was answered as it should be.
    for (const key of ['singleErrors', 'batchErrors', 'salesQueryErrors', 'streamErrors']) {
      assert.equal(summary[key], 0, key);
    }
    assert.equal(summary.streamMissed, 0);
    for (const key of ['singleCount', 'batchCount', 'salesQueryCount', 'streamLagCount']) {
      assert.ok((summary[key] as number) > 0, key);
    }
  });
});
