/** Stage of bringing a local Fabric network up or down that failed. */
export type NetworkStage =
  | 'binaries'
  | 'crypto'
  | 'identity'
  | 'channel-config'
  | 'start'
  | 'channel'
  | 'chaincode'
  | 'stop';

/**
 * A step of `eter fabric up | down` failed. Carries the stage and, for a
 * failed command, its output tail and the log file to read next.
 */
export class NetworkError extends Error {
  constructor(
    readonly stage: NetworkStage,
    message: string,
    options?: ErrorOptions & { readonly output?: string; readonly logFile?: string },
  ) {
    super(
      `${stage}: ${message}` +
        (options?.output ? `\n${options.output.trim().split('\n').slice(-15).join('\n')}` : '') +
        (options?.logFile ? `\n(see ${options.logFile})` : ''),
      options,
    );
    this.name = 'NetworkError';
  }
}
