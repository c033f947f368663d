/**
 * Loading `fabric-contract-api` installs process-wide handlers meant for a
 * chaincode process: a winston `uncaughtException` handler with
 * `exitOnError: false` (the process would carry on after a crash) and an
 * `unhandledRejection` logger (rejections would no longer fail loudly). A
 * process hosting contracts in-process is not a chaincode process, so the
 * host removes both and keeps Node's own behaviour.
 */
export function removeContractApiProcessHandlers(): void {
  for (const listener of process.listeners('uncaughtException')) {
    if (listener.name.includes('_uncaughtException')) process.off('uncaughtException', listener);
  }
  for (const listener of process.listeners('unhandledRejection')) {
    if (listener.name === 'loggerUnhandledRejectionFn') process.off('unhandledRejection', listener);
  }
}
