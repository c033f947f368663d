import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Identity } from '../gateway/identity';
import type { Simulation } from './chaincode-stub';
import { decodeEndorsement } from './endorsement-codec';
import { TurnBatch } from './turn-batch';
import type {
  EndorseReply,
  EndorseRequest,
  EndorserControl,
  EndorserWorkerData,
} from './endorser-wire';

/** Where endorsing threads load the contracts from, and how many there are. */
export interface EndorserPoolOptions {
  /** Module (absolute path, e.g. `require.resolve(...)`) exporting the contract factory. */
  readonly module: string;
  /** Name of the exported function returning the contract instances. */
  readonly exportName: string;
  /** Endorsing threads. */
  readonly threads: number;
}

/** A proposal's simulation and result, as the committer takes them. */
export interface Endorsement {
  readonly simulation: Simulation;
  readonly result: Buffer;
}

interface Waiter {
  resolve: (endorsement: Endorsement) => void;
  reject: (error: Error) => void;
}

/** Young generation of an endorsing thread: its garbage lives for one proposal. */
const WORKER_HEAP = { maxYoungGenerationSizeMb: 8 };

/**
 * Runs proposals on endorsing threads, each with its own contract
 * instances and its own read connection, round robin. Simulations see the
 * durable state only (not blocks validated and still being written), so
 * a proposal that read a key such a block changes is marked invalid at
 * commit, as on a Fabric endorsing peer.
 */
export class EndorserPool {
  private readonly workers: Worker[] = [];
  /** Proposals for each thread, sent once per event-loop turn. */
  private readonly outboxes: Array<TurnBatch<EndorseRequest>> = [];
  private readonly running = new Set<Worker>();
  private readonly waiting = new Map<number, Waiter>();
  private nextId = 0;
  private exited: Error | undefined;

  constructor(file: string, channel: string, options: EndorserPoolOptions) {
    const workerData: EndorserWorkerData = {
      file,
      channel,
      module: options.module,
      exportName: options.exportName,
    };
    for (let i = 0; i < Math.max(1, options.threads); i++) {
      const worker = new Worker(join(__dirname, 'endorser-worker.js'), {
        workerData,
        resourceLimits: WORKER_HEAP,
      });
      worker.on('message', (replies: readonly EndorseReply[]) => {
        for (const reply of replies) this.settle(reply);
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        this.running.delete(worker);
        this.fail(new Error(`endorsing thread exited (${code})`));
      });
      this.workers.push(worker);
      this.outboxes.push(new TurnBatch<EndorseRequest>((batch) => worker.postMessage(batch)));
      this.running.add(worker);
    }
  }

  /**
   * Simulates a proposal on the next thread.
   * @throws an Error with the contract's message when the contract throws.
   */
  endorse(
    identity: Identity,
    proposal: { contract: string; fn: string; args: readonly string[] },
    txId: string,
    timestamp: Date,
  ): Promise<Endorsement> {
    if (this.exited !== undefined) return Promise.reject(this.exited);
    const id = this.nextId++;
    const request: EndorseRequest = {
      id,
      txId,
      timestamp: timestamp.getTime(),
      identity,
      contract: proposal.contract,
      fn: proposal.fn,
      args: proposal.args,
    };
    return new Promise<Endorsement>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.outboxes[id % this.outboxes.length]!.push(request);
    });
  }

  /** Tells every thread that these keys changed on disk, so that none reads them from its cache. */
  forget(keys: string[]): void {
    for (const worker of this.running) {
      worker.postMessage({ type: 'forget', keys } satisfies EndorserControl);
    }
  }

  /** Stops the threads once their current proposals are answered. */
  async close(): Promise<void> {
    this.exited ??= new Error('endorser pool closed');
    await Promise.all(
      [...this.running].map(async (worker) => {
        const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
        worker.postMessage({ type: 'close' } satisfies EndorserControl);
        await exited;
      }),
    );
  }

  private settle(reply: EndorseReply): void {
    const waiter = this.waiting.get(reply.id);
    this.waiting.delete(reply.id);
    if (waiter === undefined) return;
    if (!reply.ok) {
      waiter.reject(new Error(reply.error));
      return;
    }
    waiter.resolve(decodeEndorsement(reply.endorsement));
  }

  private fail(error: Error): void {
    this.exited ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
