import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** `bin/eter.js`, from `dist/src/bench`. */
const ETER = join(__dirname, '..', '..', '..', 'bin', 'eter.js');
/** Linux reports process CPU times in clock ticks of 1/100 s (USER_HZ). */
const TICKS_PER_SECOND = 100;
/** Last part of the server's output kept for error reports. */
const LOG_TAIL = 16_384;

/** A running `eter serve` in its own process, so that its memory and CPU are its own. */
export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  /** Peak resident set so far (VmHWM), MB; `undefined` where /proc is not there. */
  peakRssMb(): number | undefined;
  /**
   * Starts the peak again from the current resident set, so that each phase
   * gets its own; false where /proc does not allow it.
   */
  resetPeakRss(): boolean;
  /** Resident set now (VmRSS), MB. */
  rssMb(): number | undefined;
  /** CPU seconds used so far (user + system, all threads). */
  cpuSeconds(): number | undefined;
  /** The end of what it wrote to stdout and stderr. */
  log(): string;
  /** SIGTERM, then waits for it to exit (SIGKILL after `timeoutMs`); resolves with the exit code. */
  stop(timeoutMs?: number): Promise<number | null>;
}

/** How the server is started. */
export interface ServerProcessOptions {
  /** Write a V8 CPU profile of the server into this folder when it exits. */
  readonly cpuProfDir?: string;
  /**
   * The command and its own arguments, before `--data` and `--port`:
   * `serve --log-level warn` unless given (`demo --rate N` for `bench:web`).
   */
  readonly command?: readonly string[];
}

/**
 * Starts `node bin/eter.js serve --data DIR --port P --log-level warn` and
 * resolves once it answers `/healthz`. The port is picked here rather than
 * read from the "listening on" line, because that line is logged at info
 * and the benchmark runs the server at warn: at info, Fastify logs two
 * lines per request, and the logging would be measured too.
 */
export async function startServerProcess(
  dataDir: string,
  options: ServerProcessOptions = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const nodeArgs =
    options.cpuProfDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', options.cpuProfDir];
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      ETER,
      ...(options.command ?? ['serve', '--log-level', 'warn']),
      '--data',
      dataDir,
      '--port',
      String(port),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  const collect = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-LOG_TAIL);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  const pid = child.pid!;

  // The demo seeds its network before it listens.
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server exited (${child.exitCode ?? child.signalCode}):\n${log}`);
    }
    if (await healthy(url)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer /healthz within 120 s:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    url,
    pid,
    peakRssMb: () => statusKb(pid, 'VmHWM'),
    resetPeakRss: () => resetPeak(pid),
    rssMb: () => statusKb(pid, 'VmRSS'),
    cpuSeconds: () => cpuSeconds(pid),
    log: () => log,
    async stop(timeoutMs = 120_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** A port nobody listens on now (the server takes it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** A `kB` field of /proc/PID/status, in MB. */
function statusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match === null ? undefined : Math.round(Number(match[1]) / 1024);
  } catch {
    return undefined;
  }
}

/** Starts VmHWM again from the current resident set (Linux `clear_refs` 5); false where not allowed. */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** utime + stime of /proc/PID/stat (fields 14 and 15, after the parenthesised name). */
function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
