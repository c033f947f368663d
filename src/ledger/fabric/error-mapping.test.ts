import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Metadata, type ServiceError } from '@grpc/grpc-js';
import { GatewayError } from '@hyperledger/fabric-gateway';
import { endorsementsDiverged, refusedOnlyElsewhere } from './error-mapping';

const refusal = (...peers: Array<[mspId: string, message: string]>) =>
  new GatewayError({
    code: 2,
    message: 'failed to endorse transaction',
    cause: Object.assign(new Error('failed to endorse transaction'), {
      code: 2,
      details: '',
      metadata: new Metadata(),
    }) satisfies ServiceError,
    details: peers.map(([mspId, message]) => ({ mspId, address: `${mspId}:7051`, message })),
  });

const REFUSED = 'chaincode response 500, {"code":"NOT_FOUND"}';

describe('refusedOnlyElsewhere', () => {
  const cases: Array<[string, unknown, boolean]> = [
    ['the contract refused on the other organisation only', refusal(['RetailerMSP', REFUSED]), true],
    ['it refused on the gateway organisation too', refusal(['RetailerMSP', REFUSED], ['OperatorMSP', REFUSED]), false],
    ['it refused on the gateway organisation only', refusal(['OperatorMSP', REFUSED]), false],
    ['a peer was unreachable, no contract answer', refusal(['RetailerMSP', 'connection refused']), false],
    ['no details at all', refusal(), false],
    ['not a Fabric error', new Error(REFUSED), false],
  ]; // prettier-ignore
  for (const [name, error, expected] of cases) {
    it(`${expected ? 'retries' : 'does not retry'} when ${name}`, () => {
      assert.equal(refusedOnlyElsewhere(error, 'OperatorMSP'), expected);
    });
  }
});

const MISMATCH = 'ProposalResponsePayloads do not match';

describe('endorsementsDiverged', () => {
  const cases: Array<[string, unknown, boolean]> = [
    ["a peer's simulation differed from the first one's", refusal(['RetailerMSP', MISMATCH]), true],
    ['one differed, another was unreachable', refusal(['RetailerMSP', MISMATCH], ['OperatorMSP', 'connection refused']), true],
    ['one differed and the contract refused on another', refusal(['RetailerMSP', MISMATCH], ['OperatorMSP', REFUSED]), false],
    ['the contract refused', refusal(['RetailerMSP', REFUSED]), false],
    ['a peer was unreachable', refusal(['RetailerMSP', 'connection refused']), false],
    ['no details at all', refusal(), false],
    ['not a Fabric error', new Error(MISMATCH), false],
  ]; // prettier-ignore
  for (const [name, error, expected] of cases) {
    it(`${expected ? 'retries' : 'does not retry'} when ${name}`, () => {
      assert.equal(endorsementsDiverged(error), expected);
    });
  }
});
