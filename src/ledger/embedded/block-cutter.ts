import { SubmitError } from '../gateway/errors';
import type { CommitOutcome, CommittedBlock, Committer, EndorsedTransaction } from './committer';

/** When the orderer cuts a block, and how much it holds before refusing work. */
export interface BlockCutting {
  /** Cut as soon as this many transactions wait. */
  readonly maxTransactions: number;
  /** Cut this long after the first transaction of a block arrived, however few there are. */
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

/**
 * The embedded ledger's ordering service: endorsed transactions queue here
 * and are cut into blocks by count or time, like Fabric's orderer, so that
 * concurrent submitters share one durable commit (group commit).
 */
export class BlockCutter {
  private queue: Waiting[] = [];
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;

  constructor(
    private readonly committer: Committer,
    private readonly cutting: BlockCutting,
    private readonly onCommit: (block: CommittedBlock) => void,
  ) {}

  /** Transactions waiting for a block. */
  get pending(): number {
    return this.queue.length;
  }

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
      if (this.queue.length >= this.cutting.maxTransactions) {
        this.immediate ??= setImmediate(() => this.cut());
      } else if (this.timer === undefined && this.immediate === undefined) {
        this.timer = setTimeout(() => this.cut(), this.cutting.timeoutMs);
      }
    });
  }

  /** Commits everything waiting now, in as many blocks as it takes. */
  flush(): void {
    while (this.queue.length > 0) this.cutOne();
    this.clearTimers();
  }

  private cut(): void {
    this.clearTimers();
    this.cutOne();
    if (this.queue.length >= this.cutting.maxTransactions) {
      this.immediate = setImmediate(() => this.cut());
    } else if (this.queue.length > 0) {
      this.timer = setTimeout(() => this.cut(), this.cutting.timeoutMs);
    }
  }

  private cutOne(): void {
    const batch = this.queue.splice(0, this.cutting.maxTransactions);
    if (batch.length === 0) return;
    let block: CommittedBlock;
    try {
      block = this.committer.commit(batch.map((w) => w.tx));
    } catch (error) {
      for (const w of batch) {
        w.reject(
          new SubmitError(`block commit failed: ${String(error)}`, w.tx.txId, true, {
            cause: error,
          }),
        );
      }
      return;
    }
    block.outcomes.forEach((outcome, i) => {
      batch[i]?.resolve({ ...outcome, blockNumber: block.number });
    });
    this.onCommit(block);
  }

  private clearTimers(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.immediate !== undefined) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
  }
}
