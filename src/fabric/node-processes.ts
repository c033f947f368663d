import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** What a pid file records about a process the network started. */
export interface NodeProcess {
  /** Name of the node, e.g. `peer0.operator.eter.local` or `chaincode`. */
  readonly name: string;
  readonly pid: number;
  /** Executable path, checked against /proc before signalling a pid. */
  readonly command: string;
  readonly logFile: string;
  readonly startedAt: string;
}

/**
 * Starts a long-running node in the background, detached from this process
 * (so that `eter fabric up` can exit), output to `<logs>/<name>.log`, and
 * records it in `<run>/<name>.pid`.
 */
export function startNode(
  dirs: { run: string; logs: string },
  name: string,
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): NodeProcess {
  mkdirSync(dirs.run, { recursive: true });
  mkdirSync(dirs.logs, { recursive: true });
  const logFile = join(dirs.logs, `${name}.log`);
  const out = openSync(logFile, 'a');
  const child = spawn(command, args, { env, detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  child.unref();
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  const record: NodeProcess = {
    name,
    pid: child.pid,
    command,
    logFile,
    startedAt: new Date().toISOString(),
  };
  writeFileSync(join(dirs.run, `${name}.pid`), `${JSON.stringify(record)}\n`);
  return record;
}

/** Every process recorded in the run folder, running or not. */
export function recordedNodes(run: string): NodeProcess[] {
  if (!existsSync(run)) return [];
  return readdirSync(run)
    .filter((f) => f.endsWith('.pid'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(run, f), 'utf8')) as NodeProcess);
}

/**
 * Whether the recorded process still runs: the pid is alive and is still
 * the executable we started (a pid reused by another program is not ours).
 */
export function isRunning(node: NodeProcess): boolean {
  try {
    const argv = readFileSync(`/proc/${node.pid}/cmdline`, 'utf8').split('\0');
    return argv.some((arg) => arg === node.command);
  } catch {
    return false;
  }
}

/**
 * Stops one recorded process: SIGTERM, then SIGKILL after `graceMs`; removes
 * its pid file. Returns whether it was running.
 */
export async function stopNode(run: string, node: NodeProcess, graceMs = 10_000): Promise<boolean> {
  const wasRunning = isRunning(node);
  if (wasRunning) {
    signal(node.pid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (isRunning(node) && Date.now() < deadline) await sleep(50);
    if (isRunning(node)) {
      signal(node.pid, 'SIGKILL');
      while (isRunning(node)) await sleep(20);
    }
  }
  rmSync(join(run, `${node.name}.pid`), { force: true });
  return wasRunning;
}

function signal(pid: number, name: NodeJS.Signals) {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone between the check and the signal.
  }
}
