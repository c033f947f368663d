import type { FastifyReply } from 'fastify';
import type { Projector } from '../../../readmodel';
import { EVENTS, type EventName } from './event-schemas';

/** Positions read from the read model per step: bounds one step's work and memory. */
const WINDOW = 2000;
const HEARTBEAT_MS = 15_000;

/** One Server-Sent Event. */
export interface StreamMessage {
  readonly id: number;
  readonly event: EventName;
  /** Written through the event's schema: only the fields it declares are sent. */
  readonly data: unknown;
}

/** What a stream reads: positions are read-model sequences, dense and increasing. */
export interface StreamFeed {
  /** The newest position. */
  head(): number;
  /** The subscriber's messages for positions in (after, upTo], in order. */
  read(after: number, upTo: number): StreamMessage[];
}

/**
 * One client's Server-Sent Events stream: a cursor over a feed, advanced
 * whenever the projector commits a block. Reads at most {@link WINDOW}
 * positions per step, and waits for `drain` when the client is slow.
 */
export class FeedStream {
  private pumping = false;
  private again = false;
  private closed = false;
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly onBlock = () => void this.pump();

  constructor(
    private readonly projector: Projector,
    private readonly feed: StreamFeed,
    private readonly reply: FastifyReply,
    private cursor: number,
  ) {}

  start(): void {
    this.reply.hijack();
    const res = this.reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-request-id': this.reply.request.id,
    });
    res.write('retry: 2000\n\n');
    res.on('close', () => this.close());
    // A client gone mid-write surfaces here; 'close' follows and ends the stream.
    res.on('error', () => this.close());
    this.projector.on('block', this.onBlock);
    this.heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    this.heartbeat.unref();
    void this.pump();
  }

  private close(): void {
    this.closed = true;
    this.projector.off('block', this.onBlock);
    clearInterval(this.heartbeat);
  }

  /** Sends everything after the cursor; coalesces wake-ups that arrive meanwhile. */
  private async pump(): Promise<void> {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        const head = this.feed.head();
        while (!this.closed && this.cursor < head) {
          const upTo = Math.min(head, this.cursor + WINDOW);
          for (const event of this.feed.read(this.cursor, upTo)) {
            if (!this.write(event)) await this.drained();
            if (this.closed) return;
          }
          this.cursor = upTo;
        }
      } while (this.again && !this.closed);
    } catch (error) {
      this.reply.request.log.error({ err: error }, 'event stream failed');
      this.reply.raw.destroy();
    } finally {
      this.pumping = false;
    }
  }

  private write(message: StreamMessage): boolean {
    return this.reply.raw.write(
      `id: ${message.id}\nevent: ${message.event}\ndata: ${EVENTS[message.event](message.data)}\n\n`,
    );
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const res = this.reply.raw;
      const done = () => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.once('drain', done);
      res.once('close', done);
    });
  }
}
