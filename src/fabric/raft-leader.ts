import { setTimeout as sleep } from 'node:timers/promises';
import { NetworkError } from './errors';
import { CHANNEL, type Topology } from './topology';

/**
 * Waits until one orderer leads the channel's Raft cluster, read from the
 * orderers' Prometheus metrics (`consensus_etcdraft_is_leader`). Until then
 * the ordering service refuses transactions ("no orderers could
 * successfully process transaction").
 * @throws {NetworkError} stage `start` after `timeoutMs`.
 */
export async function waitForRaftLeader(topology: Topology, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  const pattern = new RegExp(`^consensus_etcdraft_is_leader\\{channel="${CHANNEL}"\\} 1$`, 'm');
  while (Date.now() < deadline) {
    for (const o of topology.orderers) {
      const text = await fetch(`http://${o.host}:${o.operationsPort}/metrics`)
        .then((r) => r.text())
        .catch(() => '');
      if (pattern.test(text)) return o.name;
    }
    await sleep(200);
  }
  throw new NetworkError('start', `no Raft leader for channel ${CHANNEL} after ${timeoutMs} ms`);
}
