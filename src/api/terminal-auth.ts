import type { FastifyRequest } from 'fastify';
import { problem, ProblemError, ProblemType } from './http/problem';
import type { TerminalKeyStore, TerminalPrincipal } from './terminal-keys';

declare module 'fastify' {
  interface FastifyRequest {
    terminal?: TerminalPrincipal;
  }
}

/**
 * An `onRequest` hook for point-of-sale routes: the request must carry a
 * valid terminal API key (`Authorization: Bearer eter_…`); the terminal it
 * belongs to becomes `request.terminal`.
 */
export function terminalAuthenticator(keys: TerminalKeyStore) {
  return async (request: FastifyRequest): Promise<void> => {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer (\S+)$/.exec(header);
    const terminal = match === null ? undefined : keys.authenticate(match[1]!);
    if (terminal === undefined) {
      throw new ProblemError(
        problem(
          ProblemType.unauthenticated,
          401,
          'A valid terminal API key is required',
          'Authorization: Bearer eter_…',
        ),
        { 'www-authenticate': 'Bearer realm="eter-collector"' },
      );
    }
    request.terminal = terminal;
  };
}
