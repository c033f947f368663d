import { execFile } from 'node:child_process';
import { NetworkError, type NetworkStage } from './errors';

/** Output of a command that exited 0. */
export interface CommandOutput {
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a Fabric command line tool to completion.
 * @throws {NetworkError} of `stage`, with the tool's output, when it exits non-zero.
 */
export function runCommand(
  stage: NetworkStage,
  file: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {},
): Promise<CommandOutput> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      {
        env: options.env ?? process.env,
        cwd: options.cwd,
        timeout: options.timeoutMs ?? 120_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error) {
          const name = file.split('/').pop();
          reject(
            new NetworkError(stage, `${name} ${args.slice(0, 3).join(' ')} failed`, {
              cause: error,
              output: `${stdout}\n${stderr}`,
            }),
          );
        } else resolve({ stdout, stderr });
      },
    );
  });
}
