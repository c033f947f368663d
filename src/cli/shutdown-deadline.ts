/**
 * The bound on a clean stop: after SIGTERM or SIGINT the server finishes
 * what is in flight, but never for longer than this. Exiting then loses
 * nothing acknowledged (acknowledgements follow the durable commit, and
 * the read model resumes from its checkpoint), while a process that does
 * not stop makes a supervisor wait and then kill it anyway.
 */

/**
 * Exits the process with status 1 if it is still running `seconds` from now,
 * after saying why on standard error. The timer never keeps the process alive.
 */
export function exitAfter(seconds: number, what: string): void {
  setTimeout(() => {
    process.stderr.write(`${what} did not stop within ${seconds} s of the signal: exiting\n`);
    process.exit(1);
  }, seconds * 1000).unref();
}
