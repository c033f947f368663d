import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';

/**
 * One writer per ledger: the embedded ledger caches committed state in
 * memory, so a second process writing the same file would make both wrong.
 * The lock is a file holding the owner's pid, created exclusively; a lock
 * left by a process that no longer runs (after a crash) is taken over.
 */
export class ProcessLock {
  private constructor(private readonly file: string) {}

  /** @throws if a live process holds the lock. */
  static acquire(file: string): ProcessLock {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(file, 'wx', 0o600);
        writeSync(fd, String(process.pid));
        closeSync(fd);
        return new ProcessLock(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = Number(readFileSync(file, 'utf8'));
        if (Number.isInteger(owner) && owner > 0 && isRunning(owner)) {
          throw new Error(`the ledger is in use by process ${owner} (lock ${file})`, {
            cause: error,
          });
        }
        unlinkSync(file);
      }
    }
    throw new Error(`could not take the lock ${file}`);
  }

  release(): void {
    try {
      unlinkSync(this.file);
    } catch {
      // Already gone: nothing to release.
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
