import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { reserveBasePort, topologyPorts } from './free-ports';
import { newTopology } from './topology';

describe('reserveBasePort', () => {
  const lockDir = mkdtempSync(join(tmpdir(), 'eter-ports-test-'));
  after(() => rmSync(lockDir, { recursive: true, force: true }));

  it('gives reservations made at once different, non-overlapping ranges', async () => {
    const held = await Promise.all(
      Array.from({ length: 4 }, () => reserveBasePort({ lockDir, from: 10_000 })),
    );
    try {
      const ports = held.flatMap((r) =>
        topologyPorts(newTopology({ dir: lockDir, basePort: r.basePort, orderers: 3 })),
      );
      assert.equal(new Set(ports).size, ports.length);
    } finally {
      for (const r of held) r.release();
    }
  });

  it('skips a range with a port in use, and takes over the lock of a process gone', async () => {
    const first = await reserveBasePort({ lockDir, from: 10_000 });
    const base = first.basePort;
    first.release();
    // A port of that range taken by someone who did not ask.
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(base + 110, '127.0.0.1', resolve));
    try {
      const second = await reserveBasePort({ lockDir, from: base });
      assert.notEqual(second.basePort, base);
      second.release();
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
    // A lock left by a process that no longer exists (pid beyond pid_max) is stale.
    writeFileSync(join(lockDir, `${base}.lock`), '99999999');
    const third = await reserveBasePort({ lockDir, from: base });
    assert.equal(third.basePort, base);
    third.release();
  });

  it('covers every port the network listens on', () => {
    const topology = newTopology({ dir: lockDir, basePort: 20_000, orderers: 3 });
    assert.deepEqual(
      topologyPorts(topology).sort((a, b) => a - b),
      [
        20000, 20001, 20002, 20010, 20011, 20012, 20020, 20021, 20022, 20100, 20101, 20102, 20110,
        20111, 20112, 20200,
      ],
    );
  });
});
