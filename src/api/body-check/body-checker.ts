/**
 * Where collector bodies are parsed and validated: a small body on the
 * event loop (it costs a millisecond at most), a larger one on a checking
 * thread, so that no request holds the event loop while it is parsed. A
 * 3 MiB batch of tiny arrays takes over half a second of CPU to parse; on
 * the event loop, eight of them at once would keep `/readyz` (and SIGTERM)
 * waiting for seconds.
 *
 * Bodies wait for a thread in a bounded line: past it a body is refused at
 * once (the route answers 503), as the collector's intake is.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CheckReply, CheckRequest } from './check-worker';
import { checkBody, type BodyKind, type CheckedBody } from './ticket-body';

/** The checker's bounds. */
export interface BodyCheckerOptions {
  /** Checking threads, started on the first body that needs one. */
  readonly threads: number;
  /** Bodies waiting for a thread at most; beyond it `check` throws {@link CheckerBusyError}. */
  readonly maxWaiting: number;
  /** Bodies of at most this many bytes are checked on the event loop. */
  readonly inlineBytes: number;
  /** Milliseconds a thread stays idle before it stops (default 5 s). */
  readonly idleMs?: number;
}

/**
 * Bodies up to 16 KiB are checked inline: parsing and validating one costs
 * at most a millisecond or two (a few tens of microseconds for an ordinary
 * ticket), less than sending it to a thread and back.
 */
export const INLINE_BODY_BYTES = 16 * 1024;

/**
 * A checking thread's heap: a 3 MiB batch of empty objects parses into
 * about 100 MB of old generation; a body beyond this fails alone, without
 * the server. A small young generation keeps the thread's resident size
 * down while batches of ordinary tickets stream through it.
 */
const WORKER_HEAP = { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 8 };

/** Every thread is busy and the line is full. */
export class CheckerBusyError extends Error {
  constructor(readonly maxWaiting: number) {
    super(`${maxWaiting} request bodies already waiting to be checked`);
    this.name = 'CheckerBusyError';
  }
}

/** The server is shutting down: the body was not checked. */
export class CheckerClosedError extends Error {
  constructor() {
    super('shutting down');
    this.name = 'CheckerClosedError';
  }
}

interface Job {
  readonly request: CheckRequest;
  readonly resolve: (checked: CheckedBody) => void;
  readonly reject: (error: Error) => void;
}

interface Thread {
  readonly worker: Worker;
  job: Job | undefined;
  /** Stops the thread once it has been idle for a while. */
  idleTimer: NodeJS.Timeout | undefined;
}

/**
 * A thread idle this long stops, giving back its memory (some 25 MB of
 * resident size); the next large body starts one again in a few tens of
 * milliseconds.
 */
const IDLE_THREAD_MS = 5_000;

/** Parses and validates collector bodies, inline or on its threads. */
export class BodyChecker {
  private readonly threads: Thread[] = [];
  private readonly waiting: Job[] = [];
  private nextId = 0;
  private closed = false;
  private closing: Promise<void> | undefined;
  private idle: (() => void) | undefined;

  constructor(private readonly options: BodyCheckerOptions) {}

  /**
   * The verdict on `bytes` as a body of `kind`. A large body's memory may
   * be handed to the checking thread: do not read `bytes` afterwards.
   * @throws {CheckerBusyError} at once when too many bodies wait.
   * @throws {CheckerClosedError} once the checker is closing.
   */
  async check(kind: BodyKind, bytes: Uint8Array): Promise<CheckedBody> {
    if (this.closed) throw new CheckerClosedError();
    if (bytes.byteLength <= this.options.inlineBytes) return checkBody(kind, bytes);
    const free = this.freeThread();
    if (free === undefined && this.waiting.length >= this.options.maxWaiting) {
      throw new CheckerBusyError(this.options.maxWaiting);
    }
    return new Promise<CheckedBody>((resolve, reject) => {
      const job: Job = { request: { id: this.nextId++, kind, bytes }, resolve, reject };
      if (free === undefined) this.waiting.push(job);
      else this.run(free, job);
    });
  }

  /** Bodies waiting for a thread now. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Checking threads running now. */
  get threadCount(): number {
    return this.threads.length;
  }

  /**
   * Refuses the bodies still waiting, lets those being checked finish (a
   * second at most each), then stops the threads. Called again, it returns
   * the same promise.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.closed = true;
      for (const job of this.waiting.splice(0)) job.reject(new CheckerClosedError());
      if (this.threads.some((t) => t.job !== undefined)) {
        await new Promise<void>((resolve) => (this.idle = resolve));
      }
      for (const t of this.threads) clearTimeout(t.idleTimer);
      await Promise.all(this.threads.splice(0).map((t) => t.worker.terminate()));
    })();
    return this.closing;
  }

  /** A thread with nothing to do, started if there are fewer than allowed. */
  private freeThread(): Thread | undefined {
    const free = this.threads.find((t) => t.job === undefined);
    if (free !== undefined || this.threads.length >= Math.max(1, this.options.threads)) return free;
    const thread: Thread = {
      worker: new Worker(join(__dirname, 'check-worker.js'), { resourceLimits: WORKER_HEAP }),
      job: undefined,
      idleTimer: undefined,
    };
    // The threads never keep the process alive on their own.
    thread.worker.unref();
    thread.worker.on('message', (reply: CheckReply) => {
      const job = thread.job;
      thread.job = undefined;
      if (job?.request.id === reply.id) job.resolve(reply.checked);
      this.next(thread);
    });
    // A thread that dies (out of memory, say) fails its body alone; the
    // next body that needs a thread starts a new one.
    const died = (error: Error) => {
      const i = this.threads.indexOf(thread);
      if (i < 0) return;
      this.threads.splice(i, 1);
      thread.job?.reject(error);
      thread.job = undefined;
      const waiting = this.waiting.shift();
      if (waiting === undefined) this.settleIdle();
      else {
        const replacement = this.freeThread();
        if (replacement === undefined) this.waiting.unshift(waiting);
        else this.run(replacement, waiting);
      }
    };
    thread.worker.on('error', died);
    thread.worker.on('exit', (code) => died(new Error(`body checking thread exited (${code})`)));
    this.threads.push(thread);
    return thread;
  }

  private run(thread: Thread, job: Job): void {
    clearTimeout(thread.idleTimer);
    thread.job = job;
    // A body that has its memory to itself (a large one does) moves to the
    // thread rather than being copied: less work and less garbage on the
    // event loop, which holds it for nothing once sent. One that shares
    // Node's buffer pool with others is copied.
    const { bytes } = job.request;
    const owned =
      bytes.buffer instanceof ArrayBuffer &&
      bytes.byteOffset === 0 &&
      bytes.byteLength === bytes.buffer.byteLength;
    thread.worker.postMessage(job.request satisfies CheckRequest, owned ? [bytes.buffer] : []);
  }

  private next(thread: Thread): void {
    const job = this.waiting.shift();
    if (job !== undefined) {
      this.run(thread, job);
      return;
    }
    this.settleIdle();
    thread.idleTimer = setTimeout(() => {
      const i = this.threads.indexOf(thread);
      if (i < 0 || thread.job !== undefined) return;
      // Out of the list first: no body is sent to a thread that is stopping.
      this.threads.splice(i, 1);
      void thread.worker.terminate();
    }, this.options.idleMs ?? IDLE_THREAD_MS).unref();
  }

  private settleIdle(): void {
    if (this.idle !== undefined && this.threads.every((t) => t.job === undefined)) {
      this.idle();
      this.idle = undefined;
    }
  }
}
