import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NetworkError } from './errors';
import { newTopology, type Topology } from './topology';

/** Every port a network of `topology` listens on, all on 127.0.0.1. */
export function topologyPorts(topology: Topology): number[] {
  const ports = [topology.chaincodePort];
  for (const o of topology.orderers) ports.push(o.port, o.adminPort, o.operationsPort);
  for (const org of topology.orgs) {
    if (org.peer) ports.push(org.peer.port, org.peer.chaincodePort, org.peer.operationsPort);
  }
  return ports;
}

/** A base port held for one network until {@link PortReservation.release}. */
export interface PortReservation {
  readonly basePort: number;
  /** Gives the base port back (removes the lock file); idempotent. */
  release(): void;
}

/** Options of {@link reserveBasePort}. */
export interface ReserveOptions {
  /** Orderers of the network the ports are for (1 or 3). */
  readonly orderers?: number;
  /** First base port to try (default a random one), e.g. from an environment variable. */
  readonly from?: number;
  /** Folder of the lock files; default `<tmpdir>/eter-fabric-ports`. */
  readonly lockDir?: string;
}

/**
 * Bases are 250 apart from 10000: a network spans base .. base+200, and the
 * range stays below Linux's ephemeral ports (32768 and up), which outgoing
 * connections take at random.
 */
const FIRST_BASE = 10_000;
const STRIDE = 250;
const SLOTS = 90;

/**
 * Finds a base port whose every network port is free on 127.0.0.1 and holds
 * it with a lock file, so that networks started at once on one machine (two
 * CI runs, test files running in parallel) never share ports. A lock whose
 * process has exited is taken over. The probe and the lock are advisory: a
 * process that binds a port without asking can still collide, and then the
 * network fails to start with the port named.
 * @throws {NetworkError} stage `start` when no slot is free.
 */
export async function reserveBasePort(options: ReserveOptions = {}): Promise<PortReservation> {
  const lockDir = options.lockDir ?? join(tmpdir(), 'eter-fabric-ports');
  mkdirSync(lockDir, { recursive: true });
  const firstSlot =
    options.from !== undefined
      ? Math.max(0, Math.floor((options.from - FIRST_BASE) / STRIDE))
      : Math.floor(Math.random() * SLOTS);
  for (let attempt = 0; attempt < SLOTS; attempt++) {
    const basePort = FIRST_BASE + ((firstSlot + attempt) % SLOTS) * STRIDE;
    const lock = join(lockDir, `${basePort}.lock`);
    if (!takeLock(lock)) continue;
    const topology = newTopology({ dir: lockDir, basePort, orderers: options.orderers ?? 3 });
    if (await allFree(topologyPorts(topology))) {
      let released = false;
      return {
        basePort,
        release() {
          if (released) return;
          released = true;
          rmSync(lock, { force: true });
        },
      };
    }
    rmSync(lock, { force: true });
  }
  throw new NetworkError('start', `no free port range for a Fabric network from ${FIRST_BASE}`);
}

/** Creates the lock file with this process's pid, or takes over one whose process is gone. */
function takeLock(file: string): boolean {
  for (let tries = 0; tries < 2; tries++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (holderAlive(file)) return false;
      rmSync(file, { force: true });
    }
  }
  return false;
}

function holderAlive(file: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    // Signal 0 only asks whether the process exists; EPERM means it does, under another user.
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function allFree(ports: readonly number[]): Promise<boolean> {
  for (const port of ports) if (!(await canBind(port))) return false;
  return true;
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () =>
      server.close(() => resolve(true)),
    );
  });
}
