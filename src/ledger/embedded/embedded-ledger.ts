import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Contract } from 'fabric-contract-api';
import { ClosedError, CommitError, EndorseError } from '../gateway/errors';
import type {
  CommittedTransaction,
  ContractEvent,
  LedgerBlock,
  LedgerGateway,
  ListenOptions,
  Proposal,
} from '../gateway/gateway';
import type { Identity } from '../gateway/identity';
import type { ProofService } from '../gateway/proof-service';
import { EmbeddedProofService } from './embedded-proof-service';
import { EndorserPool, type EndorserPoolOptions } from './endorser-pool';
import type { ValidationCode } from '../gateway/validation-code';
import { decodeLeafRecord } from './tx-record';
import type { RecordVersion } from './block-builder';
import { elementRulesOf } from './tx-elements';
import { BlockCutter, type BlockCutting } from './block-cutter';
import { BlockPersister } from './block-persister';
import { toLedgerBlock, validatedToLedgerBlock } from './block-view';
import { EmbeddedStub, type Simulation } from './chaincode-stub';
import { Committer } from './committer';
import { CommittedState } from './committed-state';
import { ContractHost } from './contract-host';
import { NodeKey } from './node-key';
import { ProcessLock } from './process-lock';
import { LedgerStore, type TxRow } from './store';
import { ERASURE_CONTRACT, ERASURE_FN, ErasureError, type ErasureRequest } from './erasure';
import { planErasure } from './erasure-plan';
import { newTxId } from './tx-id';
import type { ValidatedBlock } from './validated-block';

/** How to open an embedded ledger. */
export interface EmbeddedLedgerOptions {
  /** Folder holding `ledger.db` and `node-key.pem`; created (0700) if absent. */
  readonly dataDir: string;
  /** The contracts this node hosts (one chaincode, as on a peer). */
  readonly contracts: readonly Contract[];
  /** Channel name reported to contracts. Default `eter`. */
  readonly channel?: string;
  /** Block cutting and queue bounds. Defaults: 500 tx, 50 ms, 20,000 queued. */
  readonly cutting?: Partial<BlockCutting>;
  /** Committed-state cache size in keys. Default 200,000. */
  readonly stateCacheEntries?: number;
  /**
   * Committed-state cache size in bytes (approximate). Default 16 MiB when
   * endorsing in line (values too), 4 MiB with `endorsers` (versions only).
   */
  readonly stateCacheBytes?: number;
  /**
   * Endorse submitted proposals on threads of their own (each loading the
   * contracts from a module) rather than on the caller's thread, as a
   * Fabric peer runs chaincode apart from its committer. `contracts` still
   * serve `evaluate`. Default: endorse in line.
   */
  readonly endorsers?: EndorserPoolOptions;
  /**
   * The transaction record version new blocks are written with (docs/ledger.md). Default 3;
   * 1 and 2 write a ledger as earlier builds did, for the tests that check such ledgers still
   * verify and serve proofs.
   */
  readonly recordVersion?: RecordVersion;
}

/** File names inside the data folder. */
export const LEDGER_FILE = 'ledger.db';
export const NODE_KEY_FILE = 'node-key.pem';
export const LOCK_FILE = 'ledger.lock';

const DEFAULT_CUTTING: BlockCutting = { maxTransactions: 500, timeoutMs: 50, queueLimit: 20_000 };
const REPLAY_PAGE = 64;
/**
 * Transactions of the last durable blocks kept in memory for listeners: a
 * listener that keeps up is within a block or two. Bounded by transactions,
 * not blocks: 64 full blocks held ~150 MB of the server's heap.
 */
const RECENT_TRANSACTIONS = 2_000;

/**
 * A single-node ledger in one SQLite file that hosts contracts in-process
 * the way a peer does and implements the {@link LedgerGateway}.
 */
export class EmbeddedLedger implements LedgerGateway {
  /** Stable id of this ledger, bound into every block header. */
  readonly ledgerId: string;
  readonly channel: string;
  readonly key: NodeKey;
  /** Low-level storage, for proofs and verification in this package. */
  readonly store: LedgerStore;

  private readonly state: CommittedState;
  private readonly host: ContractHost;
  private readonly committer: Committer;
  private readonly cutter: BlockCutter;
  private readonly persister: BlockPersister;
  private readonly endorsers: EndorserPool | undefined;
  private readonly lock: ProcessLock;
  /** No new work is accepted once closing; listeners end once closed. */
  private closing = false;
  private closed = false;
  private wakeListeners: (() => void)[] = [];
  /**
   * The last blocks to become durable, as listeners get them: a listener
   * that keeps up (the projector) is served from here instead of reading
   * each block back from the file and parsing its records again.
   */
  private readonly recentBlocks = new Map<number, LedgerBlock>();
  private recentTransactions = 0;

  private constructor(options: EmbeddedLedgerOptions) {
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    // Also when it existed before with a wider mode: it holds the node key.
    chmodSync(options.dataDir, 0o700);
    this.lock = ProcessLock.acquire(join(options.dataDir, LOCK_FILE));
    try {
      this.key = NodeKey.loadOrCreate(join(options.dataDir, NODE_KEY_FILE));
    } catch (error) {
      this.lock.release();
      throw error;
    }
    const file = join(options.dataDir, LEDGER_FILE);
    // This connection only reads (state the cache lacks, blocks for
    // listeners, proofs): a modest page cache. The log writer has its own.
    this.store = new LedgerStore(file, { cacheKiB: 16384 });
    let persister: BlockPersister | undefined;
    try {
      let ledgerId = this.store.getMeta('ledgerId');
      if (ledgerId === undefined) {
        ledgerId = randomUUID();
        this.store.setMeta('ledgerId', ledgerId);
        this.store.setMeta('createdAt', new Date().toISOString());
      }
      this.store.setMeta('publicKey', this.key.publicKeyPem());
      this.ledgerId = ledgerId;
      this.channel = options.channel ?? 'eter';
      this.state = new CommittedState(
        this.store,
        options.stateCacheEntries,
        // Versions only: 4 MiB holds ~16,000 keys, the writes of the last
        // ~3,000 tickets, about a second of full intake and far more than an
        // endorsement's age, so version checks still rarely read the file;
        // 16 MiB kept ~12 MB more of the server's heap (docs/benchmarks.md).
        options.stateCacheBytes ?? (options.endorsers === undefined ? 16 : 4) * 1024 * 1024,
        // With endorsing threads, this state serves the committer's version
        // checks and `evaluate`, which rarely reads what was just written.
        options.endorsers === undefined,
      );
      this.host = new ContractHost(options.contracts);
      persister = new BlockPersister({
        file,
        keyFile: join(options.dataDir, NODE_KEY_FILE),
        ledgerId,
        recordVersion: options.recordVersion ?? 3,
        elementRules: elementRulesOf(options.contracts),
      });
      this.persister = persister;
      this.endorsers =
        options.endorsers === undefined
          ? undefined
          : new EndorserPool(file, this.channel, options.endorsers);
      const endorsers = this.endorsers;
      this.committer = new Committer(this.store, this.state, persister, (block, keys) => {
        if (keys.length > 0) endorsers?.forget(keys);
        this.rememberDurable(block);
      });
      this.cutter = new BlockCutter(
        this.committer,
        { ...DEFAULT_CUTTING, ...options.cutting },
        () => this.wake(),
      );
    } catch (error) {
      void this.endorsers?.close();
      void persister?.close();
      this.store.close();
      this.lock.release();
      throw error;
    }
  }

  /** Opens (or creates) the ledger in `options.dataDir`. */
  static open(options: EmbeddedLedgerOptions): EmbeddedLedger {
    return new EmbeddedLedger(options);
  }

  /** Whether a ledger already exists in `dataDir`. */
  static exists(dataDir: string): boolean {
    return existsSync(join(dataDir, LEDGER_FILE));
  }

  async submit(identity: Identity, proposal: Proposal): Promise<CommittedTransaction> {
    this.assertOpen();
    const txId = newTxId();
    const timestamp = new Date();
    // Endorsement reads durable state from here on (on a thread, once the
    // blocks' keys it was told to forget are forgotten; in line, newer still).
    const endorsedAt = this.committer.height;
    const { simulation, result } =
      this.endorsers === undefined
        ? await this.simulate(identity, proposal, txId, timestamp)
        : await this.endorseOnThread(identity, proposal, txId, timestamp);
    this.assertOpen();
    const placement = await this.cutter.order({
      txId,
      contract: proposal.contract,
      fn: proposal.fn,
      args: [...proposal.args],
      creator: snapshotIdentity(identity),
      timestamp,
      simulation,
      result,
      endorsedAt,
    });
    if (placement.validationCode !== 'VALID') {
      throw new CommitError(txId, placement.validationCode, placement.blockNumber);
    }
    return {
      transactionId: txId,
      validationCode: 'VALID',
      blockNumber: placement.blockNumber,
      result,
    };
  }

  /**
   * Erases a customer (docs/ledger.md#erasure-of-a-customer): plans the parts of every durable
   * transaction that carry `customerId`, submits the erasure record `participants:EraseCustomer`
   * (which names no customer) as `identity`, an operator, and the log writer deletes the parts'
   * values and salts in that block's own SQLite transaction. Caches then forget the keys changed.
   * @throws {ErasureError} `nothing-to-erase` when no stored part names the customer (none
   * registered, or erased already: the two are alike, as nothing is kept that names an erased
   * customer); `v1-record`, `unredactable` or `names-customer` (nothing written);
   * `SubmitError` when the block failed, e.g. because the customer's keys were written after the
   * plan (plan again).
   */
  async eraseCustomer(
    identity: Identity,
    customerId: string,
    erasure: Omit<ErasureRequest, 'parts'>,
  ): Promise<{
    readonly erasureId: string;
    readonly parts: number;
    readonly txId: string;
    readonly blockNumber: number;
  }> {
    this.assertOpen();
    // Plan from everything queued so far, once durable: what comes after and writes the
    // customer's keys makes the log writer refuse the erasure (plan again).
    await this.flush();
    const plan = planErasure(this.allTransactions(), customerId, erasure);
    if (plan.request.parts.length === 0) {
      throw new ErasureError('nothing-to-erase', 'no stored part names this customer');
    }
    const committed = await this.submit(identity, {
      contract: ERASURE_CONTRACT,
      fn: ERASURE_FN,
      args: [JSON.stringify(plan.request)],
    });
    this.state.forget(plan.keys);
    if (plan.keys.length > 0) this.endorsers?.forget([...plan.keys]);
    this.recentBlocks.clear();
    this.recentTransactions = 0;
    return {
      erasureId: erasure.erasureId,
      parts: plan.request.parts.length,
      txId: committed.transactionId,
      blockNumber: committed.blockNumber,
    };
  }

  /** Every stored transaction, in log order. */
  private *allTransactions(): Generator<TxRow> {
    for (let next = 0; ;) {
      const rows = this.store.blocksFrom(next, REPLAY_PAGE);
      for (const row of rows) yield* this.store.transactionsOf(row);
      if (rows.length < REPLAY_PAGE) return;
      next = rows[rows.length - 1]!.number + 1;
    }
  }

  async evaluate(identity: Identity, proposal: Proposal): Promise<Uint8Array> {
    this.assertOpen();
    const txId = newTxId();
    const { result } = await this.simulate(identity, proposal, txId, new Date());
    return result;
  }

  async height(): Promise<number> {
    return this.committer.height;
  }

  async findTransaction(
    transactionId: string,
  ): Promise<{ blockNumber: number; validationCode: ValidationCode } | undefined> {
    const row = this.store.transaction(transactionId);
    if (row === undefined) return undefined;
    return { blockNumber: row.block, validationCode: decodeLeafRecord(row.record).validation };
  }

  async *blocks(options: ListenOptions = {}): AsyncIterable<LedgerBlock> {
    let next = options.startBlock ?? 0;
    while (!this.closed && !options.signal?.aborted) {
      const recent = this.recentBlocks.get(next);
      if (recent !== undefined) {
        yield recent;
        next++;
        continue;
      }
      const rows = this.store.blocksFrom(next, REPLAY_PAGE);
      if (rows.length === 0) {
        await this.nextCommit(options.signal);
        continue;
      }
      for (const row of rows) {
        yield toLedgerBlock(row, this.store.transactionsOf(row));
        next = row.number + 1;
        if (this.closed || options.signal?.aborted) return;
      }
    }
  }

  async *events(options: ListenOptions = {}): AsyncIterable<ContractEvent> {
    for await (const block of this.blocks(options)) {
      for (const tx of block.transactions) yield* tx.events;
    }
  }

  /** Inclusion and consistency proofs over this ledger's log, and its signed heads. */
  proofs(): ProofService {
    return new EmbeddedProofService(this.store, this.key);
  }

  /** Commits whatever waits in the queue now, and resolves once it is durable. */
  flush(): Promise<void> {
    return this.cutter.drain();
  }

  /** Stops accepting work, commits what was accepted, and closes the files. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await this.cutter.drain();
    this.closed = true;
    await this.endorsers?.close();
    await this.persister.close();
    this.wake();
    this.store.close();
    this.lock.release();
  }

  private async endorseOnThread(
    identity: Identity,
    proposal: Proposal,
    txId: string,
    timestamp: Date,
  ): Promise<{ simulation: Simulation; result: Buffer }> {
    try {
      return await this.endorsers!.endorse(identity, proposal, txId, timestamp);
    } catch (error) {
      throw new EndorseError(error instanceof Error ? error.message : String(error), txId, {
        cause: error,
      });
    }
  }

  private async simulate(
    identity: Identity,
    proposal: Proposal,
    txId: string,
    timestamp: Date,
  ): Promise<{ simulation: Simulation; result: Buffer }> {
    const stub = new EmbeddedStub(
      {
        txId,
        channel: this.channel,
        fn: proposal.fn,
        args: proposal.args,
        creator: identity,
        timestamp,
      },
      this.state,
      this.store,
    );
    try {
      const result = await this.host.invoke(
        proposal.contract,
        proposal.fn,
        proposal.args,
        stub,
        identity,
      );
      return { simulation: stub.simulation, result };
    } catch (error) {
      throw new EndorseError(error instanceof Error ? error.message : String(error), txId, {
        cause: error,
      });
    }
  }

  private nextCommit(signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        signal?.removeEventListener('abort', done);
        resolve();
      };
      signal?.addEventListener('abort', done, { once: true });
      this.wakeListeners.push(done);
    });
  }

  private rememberDurable(block: ValidatedBlock): void {
    const kept = validatedToLedgerBlock(block);
    this.recentBlocks.set(kept.number, kept);
    this.recentTransactions += kept.transactions.length;
    // Keep at least the newest block, however large; Maps iterate oldest first.
    for (const [number, old] of this.recentBlocks) {
      if (this.recentTransactions <= RECENT_TRANSACTIONS || number === kept.number) break;
      this.recentBlocks.delete(number);
      this.recentTransactions -= old.transactions.length;
    }
  }

  private wake(): void {
    const listeners = this.wakeListeners;
    this.wakeListeners = [];
    for (const listener of listeners) listener();
  }

  private assertOpen(): void {
    if (this.closing) throw new ClosedError();
  }
}

/** Copies the identity so that later changes by the caller cannot alter a queued record. */
function snapshotIdentity(identity: Identity): Identity {
  return identity.attributes === undefined
    ? { mspId: identity.mspId, id: identity.id }
    : { mspId: identity.mspId, id: identity.id, attributes: { ...identity.attributes } };
}
