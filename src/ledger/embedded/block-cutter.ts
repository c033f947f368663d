import { SubmitError } from '../gateway/errors';
import type {
  CommitOutcome,
  CommittedBlock,
  Committer,
  CutBlock,
  EndorsedTransaction,
} from './committer';

/** When the orderer cuts a block, and how much it holds before refusing work. */
export interface BlockCutting {
  /** Cut as soon as this many transactions wait. */
  readonly maxTransactions: number;
  /**
   * While a block is being written, cut this long after the first
   * transaction of the next one arrived, however few there are. When no
   * block is being written, what waits is cut at once.
   */
  readonly timeoutMs: number;
  /** Transactions that may wait for a block before submit is refused as overload. */
  readonly queueLimit: number;
}

/** Where a transaction ended up. */
export interface Placement extends CommitOutcome {
  readonly blockNumber: number;
}

interface Waiting {
  readonly tx: EndorsedTransaction;
  readonly resolve: (placement: Placement) => void;
  readonly reject: (error: unknown) => void;
}

/** Blocks being written at once: enough to overlap validation with disk writes. */
const MAX_BLOCKS_IN_FLIGHT = 4;

/**
 * The embedded ledger's ordering service: endorsed transactions queue here
 * and are cut into blocks by count or time, like Fabric's orderer, or as
 * soon as the log writer is idle, so that concurrent submitters share one
 * durable commit (group commit) without waiting for a timer under light
 * load. While one block is being written the next can be cut, up to a small
 * bound.
 */
export class BlockCutter {
  private queue: Waiting[] = [];
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly committer: Committer,
    private readonly cutting: BlockCutting,
    private readonly onDurable: (block: CommittedBlock) => void,
  ) {}

  /**
   * Queues a transaction and resolves once its block is durably committed.
   * @throws {SubmitError} (retryable) when the queue is full.
   */
  order(tx: EndorsedTransaction): Promise<Placement> {
    if (this.queue.length >= this.cutting.queueLimit) {
      return Promise.reject(
        new SubmitError(
          `ordering queue full (${this.cutting.queueLimit} transactions waiting)`,
          tx.txId,
          true,
        ),
      );
    }
    return new Promise<Placement>((resolve, reject) => {
      this.queue.push({ tx, resolve, reject });
      this.schedule();
    });
  }

  /** Cuts everything waiting now and resolves once every block is durable. */
  async drain(): Promise<void> {
    this.clearTimers();
    while (this.queue.length > 0 || this.inFlight.size > 0) {
      while (this.queue.length > 0 && this.inFlight.size < MAX_BLOCKS_IN_FLIGHT) this.cutOne();
      if (this.inFlight.size > 0) await Promise.race(this.inFlight);
    }
  }

  private schedule(): void {
    if (this.queue.length === 0 || this.inFlight.size >= MAX_BLOCKS_IN_FLIGHT) return;
    // A full block goes at once; so does whatever waits while the log writer
    // is idle (group commit: the queue grows while a block is written, and
    // the next block takes all of it), so light traffic never waits for the
    // timer. The timer only bounds the wait behind a block being written.
    if (this.queue.length >= this.cutting.maxTransactions || this.inFlight.size === 0) {
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.timer = undefined;
      // setImmediate, not now: transactions endorsed in the same turn join the block.
      this.immediate ??= setImmediate(() => this.cut());
    } else if (this.timer === undefined && this.immediate === undefined) {
      this.timer = setTimeout(() => this.cut(), this.cutting.timeoutMs);
    }
  }

  private cut(): void {
    this.clearTimers();
    if (this.inFlight.size < MAX_BLOCKS_IN_FLIGHT) this.cutOne();
    this.schedule();
  }

  private cutOne(): void {
    const batch = this.queue.splice(0, this.cutting.maxTransactions);
    if (batch.length === 0) return;
    let cut: CutBlock;
    try {
      cut = this.committer.commit(batch.map((w) => w.tx));
    } catch (error) {
      rejectAll(batch, error);
      return;
    }
    const settled = cut.durable.then(
      () => {
        cut.block.outcomes.forEach((outcome, i) => {
          batch[i]?.resolve({ ...outcome, blockNumber: cut.block.number });
        });
        this.onDurable(cut.block);
      },
      (error: unknown) => rejectAll(batch, error),
    );
    this.inFlight.add(settled);
    void settled.finally(() => {
      this.inFlight.delete(settled);
      this.schedule();
    });
  }

  private clearTimers(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.immediate !== undefined) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
  }
}

function rejectAll(batch: readonly Waiting[], error: unknown): void {
  for (const w of batch) {
    w.reject(
      new SubmitError(`block commit failed: ${String(error)}`, w.tx.txId, true, { cause: error }),
    );
  }
}
