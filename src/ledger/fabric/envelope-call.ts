import { common, peer } from '@hyperledger/fabric-protos';

/** What an endorser transaction envelope asks the chaincode to do, as signed by its client. */
export interface EnvelopeCall {
  readonly txId: string;
  readonly channel: string;
  readonly chaincode: string;
  /** The chaincode input: the function name (`contract:Fn`), then its arguments. */
  readonly args: readonly Uint8Array[];
}

/**
 * Reads the transaction id, channel, chaincode and input arguments out of a
 * block's transaction envelope bytes (`common.Envelope` → `Payload` →
 * `Transaction` → `ChaincodeActionPayload` → `ChaincodeProposalPayload` →
 * `ChaincodeInvocationSpec`). Configuration envelopes have no call.
 * @throws {Error} when the bytes are not an endorser transaction envelope.
 */
export function envelopeCall(bytes: Uint8Array): EnvelopeCall {
  const payload = common.Payload.deserializeBinary(
    common.Envelope.deserializeBinary(bytes).getPayload_asU8(),
  );
  const header = payload.getHeader();
  if (!header) throw new Error('envelope without a header');
  const channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
  if (channelHeader.getType() !== common.HeaderType.ENDORSER_TRANSACTION) {
    throw new Error(`envelope of type ${channelHeader.getType()}, not an endorser transaction`);
  }
  const action = peer.Transaction.deserializeBinary(payload.getData_asU8()).getActionsList()[0];
  if (!action) throw new Error('transaction without an action');
  const proposalPayload = peer.ChaincodeProposalPayload.deserializeBinary(
    peer.ChaincodeActionPayload.deserializeBinary(
      action.getPayload_asU8(),
    ).getChaincodeProposalPayload_asU8(),
  );
  const spec = peer.ChaincodeInvocationSpec.deserializeBinary(
    proposalPayload.getInput_asU8(),
  ).getChaincodeSpec();
  return {
    txId: channelHeader.getTxId(),
    channel: channelHeader.getChannelId(),
    chaincode: spec?.getChaincodeId()?.getName() ?? '',
    args: spec?.getInput()?.getArgsList_asU8() ?? [],
  };
}
