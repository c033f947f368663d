import * as grpc from '@grpc/grpc-js';
import {
  connect,
  hash,
  type Contract,
  type Gateway,
  type Network,
  type Transaction,
} from '@hyperledger/fabric-gateway';
import { common, peer } from '@hyperledger/fabric-protos';
import { readFileSync } from 'node:fs';
import {
  ClosedError,
  CommitError,
  NotFoundError,
  type CommittedTransaction,
  type ContractEvent,
  type Identity,
  type LedgerBlock,
  type LedgerGateway,
  type ListenOptions,
  type Proposal,
} from '../gateway';
import type { ValidationCode } from '../gateway/validation-code';
import { parseBlock, validationCodeName } from './block-parser';
import type { FabricConnectionProfile, FabricPeerEndpoint } from './connection-profile';
import { endorsementsDiverged, mapFabricError, refusedOnlyElsewhere } from './error-mapping';
import { Wallet } from './wallet';

/** Options of {@link FabricLedger.connect}. */
export interface FabricLedgerOptions {
  readonly profile: FabricConnectionProfile;
  /**
   * Identity for ledger reads that are not contract calls (height, blocks,
   * transaction lookups through `qscc`). Any channel member can; default
   * the profile's `reader`, else the connected organisation's `auditor`.
   */
  readonly reader?: Pick<Identity, 'mspId' | 'id'>;
  /** Organisation whose peer to connect to; default the profile's first peer. */
  readonly preferMspId?: string;
}

/** Deadlines of each gRPC call, so that an unreachable node fails a call instead of hanging it. */
const DEADLINES = { evaluate: 10_000, endorse: 30_000, submit: 10_000, commitStatus: 60_000 };
/** Pauses before endorsing again when only a peer that may be behind refused (see `endorse`). */
const CATCH_UP_PAUSES_MS = [200, 500, 1_000];

/**
 * The ledger gateway over a Fabric network, through the peer's Gateway
 * service (`@hyperledger/fabric-gateway`): the peer collects endorsements
 * from both organisations, orders the transaction and reports its commit
 * status. One gRPC connection serves every identity; each identity gets its
 * own (cheap) Gateway object so that proposals are signed as that identity.
 */
export class FabricLedger implements LedgerGateway {
  private readonly gateways = new Map<string, Gateway>();
  private readonly wallet: Wallet;
  private readonly reader: Pick<Identity, 'mspId' | 'id'>;
  private readonly aborts = new Set<AbortController>();
  private closed = false;

  private constructor(
    private readonly profile: FabricConnectionProfile,
    private readonly client: grpc.Client,
    reader: Pick<Identity, 'mspId' | 'id'>,
    /** Organisation of the peer whose Gateway service this client talks to. */
    private readonly gatewayMspId: string,
  ) {
    this.wallet = new Wallet(profile.wallet);
    this.reader = reader;
  }

  /** Connects to a peer of the profile (lazily: the first call opens the connection). */
  static connect(options: FabricLedgerOptions): FabricLedger {
    const { profile } = options;
    const endpoint: FabricPeerEndpoint =
      profile.peers.find((p) => p.mspId === options.preferMspId) ?? profile.peers[0]!;
    const credentials = grpc.credentials.createSsl(readFileSync(endpoint.tlsRootCertFile));
    const client = new grpc.Client(endpoint.endpoint, credentials, {
      ...(endpoint.hostnameOverride
        ? { 'grpc.ssl_target_name_override': endpoint.hostnameOverride }
        : {}),
      'grpc.keepalive_time_ms': 30_000,
    });
    const reader = options.reader ?? profile.reader ?? { mspId: endpoint.mspId, id: 'auditor' };
    return new FabricLedger(profile, client, reader, endpoint.mspId);
  }

  async submit(identity: Identity, proposal: Proposal): Promise<CommittedTransaction> {
    const contract = this.network(identity).getContract(this.profile.chaincode, proposal.contract);
    const transaction = await this.endorse(contract, proposal);
    const transactionId = transaction.getTransactionId();
    const result = transaction.getResult();
    const submitted = await transaction
      .submit()
      .catch((e: unknown) => Promise.reject(mapFabricError('submit', e, transactionId)));
    const status = await submitted
      .getStatus()
      .catch((e: unknown) => Promise.reject(mapFabricError('commit-status', e, transactionId)));
    const blockNumber = Number(status.blockNumber);
    if (!status.successful) {
      const code = validationCodeName(status.code);
      throw new CommitError(
        transactionId,
        code === 'VALID' ? 'INVALID_OTHER_REASON' : code,
        blockNumber,
      );
    }
    return { transactionId, validationCode: 'VALID', blockNumber, result };
  }

  /**
   * Endorses a new proposal; again, after a pause, while only other
   * organisations' peers refuse it ({@link refusedOnlyElsewhere}) or the
   * peers' simulations differ ({@link endorsementsDiverged}): a transaction
   * that reads what this client's previous one wrote (a grant just created,
   * then redeemed) can find nothing, or older versions, on a peer still
   * catching up. Each attempt is a new proposal, with a new transaction id;
   * nothing was ordered.
   */
  private async endorse(contract: Contract, proposal: Proposal): Promise<Transaction> {
    for (let attempt = 0; ; attempt++) {
      const unsigned = contract.newProposal(proposal.fn, { arguments: [...proposal.args] });
      try {
        return await unsigned.endorse();
      } catch (error) {
        const pause = CATCH_UP_PAUSES_MS[attempt];
        const catchingUp =
          refusedOnlyElsewhere(error, this.gatewayMspId) || endorsementsDiverged(error);
        if (pause === undefined || !catchingUp) {
          throw mapFabricError('endorse', error, unsigned.getTransactionId());
        }
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  async evaluate(identity: Identity, proposal: Proposal): Promise<Uint8Array> {
    const contract = this.network(identity).getContract(this.profile.chaincode, proposal.contract);
    const unsigned = contract.newProposal(proposal.fn, { arguments: [...proposal.args] });
    const transactionId = unsigned.getTransactionId();
    return unsigned
      .evaluate()
      .catch((e: unknown) => Promise.reject(mapFabricError('endorse', e, transactionId)));
  }

  async height(): Promise<number> {
    const bytes = await this.query('GetChainInfo', this.profile.channel);
    return Number(common.BlockchainInfo.deserializeBinary(bytes).getHeight());
  }

  async findTransaction(
    transactionId: string,
  ): Promise<{ blockNumber: number; validationCode: ValidationCode } | undefined> {
    let processed: Uint8Array;
    try {
      processed = await this.query('GetTransactionByID', this.profile.channel, transactionId);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    const code = peer.ProcessedTransaction.deserializeBinary(processed).getValidationcode();
    const block = common.Block.deserializeBinary(
      await this.query('GetBlockByTxID', this.profile.channel, transactionId),
    );
    return {
      blockNumber: Number(block.getHeader()?.getNumber() ?? 0),
      validationCode: validationCodeName(code),
    };
  }

  async *blocks(options: ListenOptions = {}): AsyncIterable<LedgerBlock> {
    for await (const block of this.rawBlocks(options)) yield parseBlock(block);
  }

  /**
   * Fabric's own blocks, as the peer's deliver service sends them, for
   * checks that need every byte (hash chain, orderer signatures).
   */
  async *rawBlocks(options: ListenOptions = {}): AsyncIterable<common.Block> {
    if (this.closed) throw new ClosedError();
    const abort = new AbortController();
    this.aborts.add(abort);
    const onAbort = () => abort.abort();
    options.signal?.addEventListener('abort', onAbort);
    const events = await this.network(this.reader).getBlockEvents({
      startBlock: BigInt(options.startBlock ?? 0),
    });
    abort.signal.addEventListener('abort', () => events.close());
    try {
      for await (const block of events) yield block;
    } catch (error) {
      // Closing the stream ends the iteration with a CANCELLED error: that is the normal end.
      if (!abort.signal.aborted) throw error;
    } finally {
      events.close();
      options.signal?.removeEventListener('abort', onAbort);
      this.aborts.delete(abort);
    }
  }

  /**
   * One block with every byte, as the peer stores it.
   * @throws {NotFoundError} for a block past the channel's height.
   */
  async rawBlock(blockNumber: number): Promise<common.Block> {
    const bytes = await this.query(
      'GetBlockByNumber',
      this.profile.channel,
      String(blockNumber),
    ).catch((error: unknown) =>
      Promise.reject(isNotFound(error) ? new NotFoundError(`no block ${blockNumber}`) : error),
    );
    return common.Block.deserializeBinary(bytes);
  }

  /**
   * The block holding a transaction, with every byte.
   * @throws {NotFoundError} for a transaction the channel does not have.
   */
  async rawBlockOf(transactionId: string): Promise<common.Block> {
    const bytes = await this.query('GetBlockByTxID', this.profile.channel, transactionId).catch(
      (error: unknown) =>
        Promise.reject(
          isNotFound(error)
            ? new NotFoundError(`no transaction ${transactionId}`, transactionId)
            : error,
        ),
    );
    return common.Block.deserializeBinary(bytes);
  }

  /** The channel's name, as the connection profile gives it. */
  get channel(): string {
    return this.profile.channel;
  }

  async *events(options: ListenOptions = {}): AsyncIterable<ContractEvent> {
    for await (const block of this.blocks(options)) {
      for (const tx of block.transactions) yield* tx.events;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const abort of this.aborts) abort.abort();
    for (const gateway of this.gateways.values()) gateway.close();
    this.gateways.clear();
    this.client.close();
  }

  /** The channel as `who` sees it, through that identity's Gateway. */
  private network(who: Pick<Identity, 'mspId' | 'id'>): Network {
    if (this.closed) throw new ClosedError();
    const key = `${who.mspId}/${who.id}`;
    let gateway = this.gateways.get(key);
    if (!gateway) {
      const { identity, signer } = this.wallet.get(who);
      const deadline = (ms: number) => () => ({ deadline: Date.now() + ms });
      gateway = connect({
        client: this.client,
        identity,
        signer,
        hash: hash.sha256,
        evaluateOptions: deadline(DEADLINES.evaluate),
        endorseOptions: deadline(DEADLINES.endorse),
        submitOptions: deadline(DEADLINES.submit),
        commitStatusOptions: deadline(DEADLINES.commitStatus),
      });
      this.gateways.set(key, gateway);
    }
    return gateway.getNetwork(this.profile.channel);
  }

  /** Evaluates a function of the peer's query system chaincode (`qscc`). */
  private query(fn: string, ...args: string[]): Promise<Uint8Array> {
    return this.network(this.reader)
      .getContract('qscc')
      .evaluateTransaction(fn, ...args);
  }
}

/** Whether a `qscc` lookup failed because the block or transaction does not exist. */
function isNotFound(error: unknown): boolean {
  return /no such transaction|not found|no such block|beyond|out of range/i.test(
    String((error as Error).message) + detailsOf(error),
  );
}

function detailsOf(error: unknown): string {
  const details = (error as { details?: { message: string }[] }).details;
  return Array.isArray(details) ? details.map((d) => d.message).join(' ') : '';
}
