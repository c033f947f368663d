import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The built `eter` executable. */
export const ETER = join(__dirname, '..', '..', '..', 'bin', 'eter.js');

/** Runs `eter` to completion, as a user would. */
export function eter(...args: string[]): { code: number | null; out: string; err: string } {
  const run = spawnSync(process.execPath, [ETER, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

/**
 * Runs `eter` to completion with `env` added to the environment, `input` on
 * its standard input, in `cwd` (default: this process's).
 */
export function eterWith(
  options: { env?: Record<string, string>; input?: string; cwd?: string },
  ...args: string[]
): { code: number | null; out: string; err: string } {
  const run = spawnSync(process.execPath, [ETER, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, ...options.env },
    input: options.input ?? '',
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

/** A running `eter serve` and the URL it listens on. */
export interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /**
   * Sends `signal` (default SIGTERM) to the server, by its pid, if it still
   * runs, and resolves with its exit code (null when a signal killed it).
   */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** A port free on 127.0.0.1 right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Starts `eter serve` on 127.0.0.1 (extra arguments appended, e.g.
 * `--log-level warn`) and resolves once `/healthz` answers, whatever the
 * log level says.
 */
export async function startServer(data: string, ...args: string[]): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [ETER, 'serve', '--data', data, '--port', String(port), ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout!.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-20_000)));
  child.stderr!.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-20_000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const server: ServerProcess = {
    child,
    url,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`server exited (${child.exitCode ?? child.signalCode}):\n${log}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return server;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
