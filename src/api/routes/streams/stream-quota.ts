import type { FastifyReply } from 'fastify';
import { problem, ProblemError, ProblemType } from '../../http/problem';

/** What a client refused a stream is told to wait before trying again. */
const RETRY_AFTER_SECONDS = 5;

/**
 * Live streams open at once per login. Each stream holds a connection, a
 * listener on the projector and a read per committed block for as long as
 * it lasts, so one login (or one stolen token) opening streams without end
 * would cost every other reader; a few cover a person's devices.
 */
export class StreamQuota {
  private readonly open = new Map<string, number>();

  constructor(private readonly perLogin: number) {}

  /**
   * Counts a stream of `username` until `reply`'s connection closes.
   * @throws {ProblemError} 429 when the login already holds its quota.
   */
  take(username: string, reply: FastifyReply): void {
    const held = this.open.get(username) ?? 0;
    if (held >= this.perLogin) {
      throw new ProblemError(
        problem(
          ProblemType.rateLimited,
          429,
          'Too many open streams',
          `this login already has ${held} live streams open (at most ${this.perLogin}): close one first`,
        ),
        { 'retry-after': String(RETRY_AFTER_SECONDS) },
      );
    }
    this.open.set(username, held + 1);
    reply.raw.once('close', () => {
      const now = (this.open.get(username) ?? 1) - 1;
      if (now > 0) this.open.set(username, now);
      else this.open.delete(username);
    });
  }

  /** Streams open now for a login. */
  held(username: string): number {
    return this.open.get(username) ?? 0;
  }
}
