/**
 * The request types are written by hand beside their schemas; these checks
 * tie the two, as `format/types.test.ts` does for tickets. Each
 * `satisfies Record<K, true>` object must name exactly the keys K (the
 * compiler refuses a missing or an extra one), and the test compares those
 * names with the compiled schema's properties and required list.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  requests,
  type BootstrapRequest,
  type CancelRedemptionGrantRequest,
  type CreateRedemptionGrantRequest,
  type CustomerRef,
  type EraseCustomerRequest,
  type ListBalancesRequest,
  type ListMovementsRequest,
  type ListStoreTicketsRequest,
  type ParticipantRef,
  type RedeemPointsRequest,
  type RegisterCustomerRequest,
  type RegisterManufacturerRequest,
  type RegisterStoreRequest,
  type ReturnableRequest,
  type SetParticipantStatusRequest,
  type SetStorePointsRateRequest,
  type TicketRef,
  type TransferPointsRequest,
} from './requests';

type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
type Keys<T> = Record<keyof T, true>;
type Required<T> = Record<RequiredKeys<T>, true>;

/** [type's keys, type's required keys] for each compiled validator, by its name in `requests`. */
const TYPES: Record<keyof typeof requests, [object, object]> = {
  Bootstrap: [
    { operatorMspId: true } satisfies Keys<BootstrapRequest>,
    { operatorMspId: true } satisfies Required<BootstrapRequest>,
  ],
  RegisterStore: [
    { storeId: true, name: true, mspId: true, retailerId: true, pointsRateBp: true } satisfies Keys<RegisterStoreRequest>,
    { storeId: true, name: true, mspId: true } satisfies Required<RegisterStoreRequest>,
  ],
  RegisterManufacturer: [
    { manufacturerId: true, name: true, prefixes: true } satisfies Keys<RegisterManufacturerRequest>,
    { manufacturerId: true, name: true, prefixes: true } satisfies Required<RegisterManufacturerRequest>,
  ],
  RegisterCustomer: [
    { customerId: true } satisfies Keys<RegisterCustomerRequest>,
    { customerId: true } satisfies Required<RegisterCustomerRequest>,
  ],
  SetParticipantStatus: [
    { kind: true, id: true, status: true } satisfies Keys<SetParticipantStatusRequest>,
    { kind: true, id: true, status: true } satisfies Required<SetParticipantStatusRequest>,
  ],
  SetStorePointsRate: [
    { storeId: true, pointsRateBp: true } satisfies Keys<SetStorePointsRateRequest>,
    { storeId: true, pointsRateBp: true } satisfies Required<SetStorePointsRateRequest>,
  ],
  TicketRef: [
    { storeId: true, ticketId: true } satisfies Keys<TicketRef>,
    { storeId: true, ticketId: true } satisfies Required<TicketRef>,
  ],
  Returnable: [
    { storeId: true, originalStoreId: true, originalTicketId: true } satisfies Keys<ReturnableRequest>,
    { storeId: true, originalStoreId: true, originalTicketId: true } satisfies Required<ReturnableRequest>,
  ],
  ListStoreTickets: [
    { storeId: true, from: true, to: true, fromTicketId: true, toTicketId: true, limit: true, cursor: true } satisfies Keys<ListStoreTicketsRequest>,
    { storeId: true } satisfies Required<ListStoreTicketsRequest>,
  ],
  CustomerRef: [
    { customerId: true } satisfies Keys<CustomerRef>,
    { customerId: true } satisfies Required<CustomerRef>,
  ],
  EraseCustomer: [
    { erasureId: true, reason: true, reference: true, parts: true } satisfies Keys<EraseCustomerRequest>,
    { erasureId: true, reason: true, parts: true } satisfies Required<EraseCustomerRequest>,
  ],
  ListMovements: [
    { customerId: true, limit: true, cursor: true } satisfies Keys<ListMovementsRequest>,
    { customerId: true } satisfies Required<ListMovementsRequest>,
  ],
  ParticipantRef: [
    { kind: true, id: true } satisfies Keys<ParticipantRef>,
    { kind: true, id: true } satisfies Required<ParticipantRef>,
  ],
  TransferPoints: [
    { transferId: true, fromCustomerId: true, toCustomerId: true, points: true } satisfies Keys<TransferPointsRequest>,
    { transferId: true, fromCustomerId: true, toCustomerId: true, points: true } satisfies Required<TransferPointsRequest>,
  ],
  CreateRedemptionGrant: [
    { grantId: true, customerId: true, storeId: true, points: true, ttlSeconds: true } satisfies Keys<CreateRedemptionGrantRequest>,
    { grantId: true, customerId: true, storeId: true, points: true, ttlSeconds: true } satisfies Required<CreateRedemptionGrantRequest>,
  ],
  CancelRedemptionGrant: [
    { customerId: true, grantId: true } satisfies Keys<CancelRedemptionGrantRequest>,
    { customerId: true, grantId: true } satisfies Required<CancelRedemptionGrantRequest>,
  ],
  RedeemPoints: [
    { storeId: true, code: true, redemptionId: true, points: true } satisfies Keys<RedeemPointsRequest>,
    { storeId: true, code: true, redemptionId: true } satisfies Required<RedeemPointsRequest>,
  ],
  ListBalances: [
    { limit: true, cursor: true } satisfies Keys<ListBalancesRequest>,
    {} satisfies Required<ListBalancesRequest>,
  ],
}; // prettier-ignore

const sorted = (values: Iterable<unknown>): string[] => [...values].map(String).sort();

describe('request types mirror their schemas', () => {
  for (const [name, [keys, required]] of Object.entries(TYPES)) {
    const schema = requests[name as keyof typeof requests].schema as {
      properties: object;
      required: readonly string[];
      additionalProperties: boolean;
    };
    it(name, () => {
      assert.deepEqual(sorted(Object.keys(keys)), sorted(Object.keys(schema.properties)));
      assert.deepEqual(sorted(Object.keys(required)), sorted(schema.required));
      assert.equal(schema.additionalProperties, false, 'no field outside the type');
    });
  }
});
