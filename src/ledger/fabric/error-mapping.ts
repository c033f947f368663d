import { status as GrpcStatus } from '@grpc/grpc-js';
import * as fabric from '@hyperledger/fabric-gateway';
import { CommitStatusError, EndorseError, GatewayError, SubmitError } from '../gateway';

/** gRPC codes meaning "busy or away for now": trying again later may work. */
const TRANSIENT = new Set<number>([
  // The gateway found no live set of peers satisfying the endorsement policy (a peer is down).
  GrpcStatus.FAILED_PRECONDITION,
  GrpcStatus.UNAVAILABLE,
  GrpcStatus.RESOURCE_EXHAUSTED,
  GrpcStatus.DEADLINE_EXCEEDED,
  GrpcStatus.ABORTED,
]);

/** The step of a submit that failed; each maps to its own gateway error. */
export type SubmitStage = 'endorse' | 'submit' | 'commit-status';

/**
 * The chaincode's own message from an endorsement failure: Fabric puts each
 * peer's answer in the error details (`chaincode response 500, <message>`);
 * the first is enough, since every peer runs the same contract.
 */
/** The peer's own load shedding (`peer.limits.concurrency.gatewayService`), sent as UNKNOWN. */
function overloaded(error: fabric.GatewayError): boolean {
  return error.message.includes('exceeding concurrency limit');
}

/**
 * Whether the contract refused an endorsement on other organisations' peers
 * only, not on the gateway's own (`gatewayMspId`). A client's commits are
 * waited for on its gateway peer alone, so another organisation's peer can
 * still be a block or two behind: its refusal may rest on state that is
 * about to change, where the gateway peer's is the contract's real answer.
 */
export function refusedOnlyElsewhere(error: unknown, gatewayMspId: string): boolean {
  return (
    error instanceof fabric.GatewayError &&
    chaincodeMessage(error) !== undefined &&
    error.details.every((d) => d.mspId !== gatewayMspId)
  );
}

/** Fabric's gateway's detail for an endorser whose simulation differs from the first one's. */
const PAYLOAD_MISMATCH = 'ProposalResponsePayloads do not match';

/**
 * Whether the peers endorsed, but not alike: the gateway found their
 * simulations differ (`ProposalResponsePayloads do not match`), as they do
 * when one peer is a block behind and reads older versions, and no peer
 * refused. A new proposal moments later finds them agreed. Seen in a CI run
 * under load: twelve concurrent transfers from one customer.
 */
export function endorsementsDiverged(error: unknown): boolean {
  return (
    error instanceof fabric.GatewayError &&
    chaincodeMessage(error) === undefined &&
    error.details.some((d) => d.message.includes(PAYLOAD_MISMATCH))
  );
}

function chaincodeMessage(error: fabric.GatewayError): string | undefined {
  return error.details.find((d) => d.message.includes('chaincode response'))?.message;
}

/**
 * Maps a fabric-gateway failure of `stage` onto the gateway interface's
 * errors, keeping the transaction id and the original as `cause`:
 * - endorse: the contract's refusal is an {@link EndorseError}; an
 *   unreachable or overloaded endorser is a retryable {@link SubmitError}
 *   (nothing was ordered);
 * - submit: {@link SubmitError}, retryable when the orderer was busy or away;
 * - commit-status: {@link CommitStatusError}, the outcome is unknown.
 */
export function mapFabricError(stage: SubmitStage, error: unknown, transactionId: string): unknown {
  if (error instanceof GatewayError || !(error instanceof fabric.GatewayError)) return error;
  switch (stage) {
    case 'endorse': {
      const message = chaincodeMessage(error);
      if (message === undefined && (TRANSIENT.has(error.code) || overloaded(error))) {
        return new SubmitError(`endorsement unavailable: ${error.message}`, transactionId, true, {
          cause: error,
        });
      }
      return new EndorseError(message ?? detailed(error), transactionId, { cause: error });
    }
    case 'submit':
      return new SubmitError(
        detailed(error),
        transactionId,
        TRANSIENT.has(error.code) || overloaded(error),
        {
          cause: error,
        },
      );
    case 'commit-status':
      return new CommitStatusError(detailed(error), transactionId, { cause: error });
  }
}

function detailed(error: fabric.GatewayError): string {
  const details = error.details.map((d) => `${d.mspId}@${d.address}: ${d.message}`);
  return [error.message, ...details].join('; ');
}
