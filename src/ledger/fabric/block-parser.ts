import { common, msp, peer } from '@hyperledger/fabric-protos';
import type { BlockTransaction, ContractEvent, LedgerBlock } from '../gateway';
import type { ValidationCode } from '../gateway/validation-code';

/** Fabric's `TxValidationCode` numbers of the verdicts the gateway interface names. */
const VALIDATION_CODES: ReadonlyMap<number, ValidationCode> = new Map([
  [peer.TxValidationCode.VALID, 'VALID'],
  [peer.TxValidationCode.MVCC_READ_CONFLICT, 'MVCC_READ_CONFLICT'],
  [peer.TxValidationCode.PHANTOM_READ_CONFLICT, 'PHANTOM_READ_CONFLICT'],
  [peer.TxValidationCode.DUPLICATE_TXID, 'DUPLICATE_TXID'],
  [peer.TxValidationCode.ENDORSEMENT_POLICY_FAILURE, 'ENDORSEMENT_POLICY_FAILURE'],
]);

/** The gateway interface's name for a Fabric validation code. */
export function validationCodeName(code: number): ValidationCode {
  return VALIDATION_CODES.get(code) ?? 'INVALID_OTHER_REASON';
}

/**
 * Where a chaincode function name is `contract:function` (fabric-contract-api
 * routes to a contract class by this prefix), splits it; other chaincodes'
 * functions (e.g. `_lifecycle`) keep the chaincode name as contract.
 */
export function splitFunction(chaincode: string, name: string): { contract: string; fn: string } {
  const colon = name.indexOf(':');
  return colon < 0
    ? { contract: chaincode, fn: name }
    : { contract: name.slice(0, colon), fn: name.slice(colon + 1) };
}

/**
 * Reads a delivered block into the gateway interface's shape: each
 * endorser transaction with its id, verdict (from the block's transaction
 * filter), called function, creator MSP, client timestamp and, when valid,
 * its chaincode event. Configuration transactions are left out; their
 * block still counts, so block numbers stay Fabric's.
 */
export function parseBlock(block: common.Block): LedgerBlock {
  const number = Number(block.getHeader()?.getNumber() ?? 0);
  const envelopes = block.getData()?.getDataList_asU8() ?? [];
  const filter =
    block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER] ??
    new Uint8Array();
  const transactions: BlockTransaction[] = [];
  envelopes.forEach((bytes, index) => {
    const tx = parseEnvelope(number, bytes, validationCodeName(filter[index] ?? 255));
    if (tx) transactions.push(tx);
  });
  return { number, transactions };
}

function parseEnvelope(
  blockNumber: number,
  bytes: Uint8Array,
  validationCode: ValidationCode,
): BlockTransaction | undefined {
  const payload = common.Payload.deserializeBinary(
    common.Envelope.deserializeBinary(bytes).getPayload_asU8(),
  );
  const header = payload.getHeader();
  if (!header) return undefined;
  const channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
  if (channelHeader.getType() !== common.HeaderType.ENDORSER_TRANSACTION) return undefined;
  const creator = msp.SerializedIdentity.deserializeBinary(
    common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8()).getCreator_asU8(),
  );
  const transactionId = channelHeader.getTxId();
  const time = channelHeader.getTimestamp();
  const timestamp = new Date(
    (time?.getSeconds() ?? 0) * 1000 + Math.floor((time?.getNanos() ?? 0) / 1e6),
  ).toISOString();

  const action = peer.Transaction.deserializeBinary(payload.getData_asU8()).getActionsList()[0];
  const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(
    action?.getPayload_asU8() ?? new Uint8Array(),
  );
  const spec = peer.ChaincodeProposalPayload.deserializeBinary(
    actionPayload.getChaincodeProposalPayload_asU8(),
  ).getInput_asU8();
  const chaincodeSpec = peer.ChaincodeInvocationSpec.deserializeBinary(spec).getChaincodeSpec();
  const chaincode = chaincodeSpec?.getChaincodeId()?.getName() ?? '';
  const name = Buffer.from(chaincodeSpec?.getInput()?.getArgsList_asU8()[0] ?? []).toString('utf8');
  const { contract, fn } = splitFunction(chaincode, name);

  const events: ContractEvent[] = [];
  if (validationCode === 'VALID') {
    const responsePayload = peer.ProposalResponsePayload.deserializeBinary(
      actionPayload.getAction()?.getProposalResponsePayload_asU8() ?? new Uint8Array(),
    );
    const chaincodeAction = peer.ChaincodeAction.deserializeBinary(
      responsePayload.getExtension_asU8(),
    );
    const eventBytes = chaincodeAction.getEvents_asU8();
    if (eventBytes.length > 0) {
      const event = peer.ChaincodeEvent.deserializeBinary(eventBytes);
      if (event.getEventName() !== '') {
        events.push({
          blockNumber,
          transactionId,
          contract,
          name: event.getEventName(),
          payload: event.getPayload_asU8(),
        });
      }
    }
  }
  return {
    transactionId,
    validationCode,
    contract,
    fn,
    creatorMspId: creator.getMspid(),
    timestamp,
    events,
  };
}
