import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { NetworkError } from './errors';
import { isRunning, type NodeProcess } from './node-processes';

/**
 * Waits until `node` accepts TCP connections on `port`.
 * @throws {NetworkError} stage `start` if the process exits or the port stays closed.
 */
export async function waitForPort(
  node: NodeProcess,
  host: string,
  port: number,
  timeoutMs = 30_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isRunning(node)) {
      throw new NetworkError('start', `${node.name} exited while starting`, {
        logFile: node.logFile,
      });
    }
    if (await canConnect(host, port)) return;
    await sleep(100);
  }
  throw new NetworkError('start', `${node.name} did not listen on ${host}:${port}`, {
    logFile: node.logFile,
  });
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
