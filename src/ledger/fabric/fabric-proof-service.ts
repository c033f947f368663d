import { common } from '@hyperledger/fabric-protos';
import { NotFoundError } from '../gateway';
import type { ProofDocument, ProofService } from '../gateway/proof-service';
import { validationCodeName } from './block-parser';
import type {
  FabricChainDocument,
  FabricHeadDocument,
  FabricHeaderView,
  FabricInclusionDocument,
} from './block-proof';
import { blockHeaderBytes, sha256 } from './block-verifier';
import { envelopeCall } from './envelope-call';
import type { FabricLedger } from './fabric-ledger';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function headerView(block: common.Block): FabricHeaderView {
  const header = block.getHeader()!;
  return {
    number: Number(header.getNumber()),
    previousHash: hex(header.getPreviousHash_asU8()),
    dataHash: hex(header.getDataHash_asU8()),
  };
}

function signaturesOf(block: common.Block): string {
  return base64(
    block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.SIGNATURES] ??
      new Uint8Array(),
  );
}

/**
 * Fabric's proofs as a {@link ProofService}, read from the peer's blocks
 * (`qscc`): a block's header with its orderer signatures, a chain of
 * headers, and a transaction's envelope with the rest of its block. The
 * documents are `kind: 'fabric-block'`; `checkFabricInclusion` and
 * `checkFabricChain` check them offline against the orderer root CAs.
 * An inclusion document carries every envelope of the block, so it
 * discloses the block's other transactions.
 */
export class FabricProofService implements ProofService {
  readonly disclosure = 'block' as const;

  constructor(private readonly ledger: FabricLedger) {}

  async head(blockNumber?: number): Promise<ProofDocument> {
    const last = await this.last();
    if (blockNumber !== undefined && blockNumber > last) {
      throw new NotFoundError(`no block ${blockNumber}: the newest is ${last}`);
    }
    const block = await this.ledger.rawBlock(blockNumber ?? last);
    const doc: FabricHeadDocument = {
      kind: 'fabric-block',
      format: 'eter-fabric-head/v1',
      channel: this.ledger.channel,
      header: headerView(block),
      headerHash: hex(sha256(blockHeaderBytes(block.getHeader()!))),
      signatures: signaturesOf(block),
    };
    // A spread copy: an object type, which the document index signature accepts.
    return { ...doc };
  }

  async inclusion(transactionId: string, atBlock?: number): Promise<ProofDocument> {
    return { ...(await this.inclusionDocument(transactionId, atBlock)) };
  }

  async consistency(fromBlock: number, toBlock?: number): Promise<ProofDocument> {
    return { ...(await this.chain(fromBlock, toBlock)) };
  }

  /** The inclusion document of a transaction, against `atBlock` when given. */
  async inclusionDocument(
    transactionId: string,
    atBlock?: number,
  ): Promise<FabricInclusionDocument> {
    const block = await this.ledger.rawBlockOf(transactionId);
    const number = Number(block.getHeader()!.getNumber());
    if (atBlock !== undefined && atBlock < number) {
      // Proven against a block before it was committed: there is no such proof.
      throw new NotFoundError(
        `transaction ${transactionId} is in block ${number}, after block ${atBlock}`,
        transactionId,
      );
    }
    const envelopes = block.getData()?.getDataList_asU8() ?? [];
    const txIndex = envelopes.findIndex((bytes) => {
      try {
        return envelopeCall(bytes).txId === transactionId;
      } catch {
        return false; // a configuration envelope
      }
    });
    const filter =
      block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER] ??
      new Uint8Array();
    return {
      kind: 'fabric-block',
      format: 'eter-fabric-inclusion/v1',
      channel: this.ledger.channel,
      txId: transactionId,
      txIndex,
      validationCode: validationCodeName(filter[txIndex] ?? 255),
      header: headerView(block),
      headerHash: hex(sha256(blockHeaderBytes(block.getHeader()!))),
      signatures: signaturesOf(block),
      envelopes: envelopes.map(base64),
      ...(atBlock !== undefined && atBlock > number
        ? { chain: await this.chain(number, atBlock) }
        : {}),
    };
  }

  /** Headers `fromBlock` .. `toBlock` (default: the newest), the last with its signatures. */
  async chain(fromBlock: number, toBlock?: number): Promise<FabricChainDocument> {
    const last = await this.last();
    const to = toBlock ?? last;
    // The deliver stream waits for blocks not yet cut: ask only for those that exist.
    if (to > last) throw new NotFoundError(`no block ${to}: the newest is ${last}`);
    if (fromBlock > to) throw new NotFoundError(`block ${fromBlock} is after block ${to}`);
    const headers: FabricHeaderView[] = [];
    let signatures = '';
    const abort = new AbortController();
    for await (const block of this.ledger.rawBlocks({
      startBlock: fromBlock,
      signal: abort.signal,
    })) {
      headers.push(headerView(block));
      if (headers.length > to - fromBlock) {
        signatures = signaturesOf(block);
        abort.abort();
      }
    }
    return {
      kind: 'fabric-block',
      format: 'eter-fabric-chain/v1',
      channel: this.ledger.channel,
      headers,
      signatures,
    };
  }

  private async last(): Promise<number> {
    const height = await this.ledger.height();
    if (height === 0) throw new NotFoundError('the channel has no block');
    return height - 1;
  }
}
