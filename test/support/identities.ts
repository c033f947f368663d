import type { Identity } from '../../src/ledger/gateway';

/** The organisations and identities the contract suite acts as, on any engine. */
export const OPERATOR_MSP = 'OperatorMSP';
export const RETAILER_MSP = 'RetailerMSP';
export const OTHER_RETAILER_MSP = 'OtherRetailMSP';

const identity = (mspId: string, id: string, role: string, participant?: string): Identity => ({
  mspId,
  id,
  attributes:
    participant === undefined
      ? { 'eter.role': role }
      : { 'eter.role': role, 'eter.id': participant },
});

export const ids = {
  operator: identity(OPERATOR_MSP, 'operator-admin', 'operator'),
  query: identity(OPERATOR_MSP, 'query-server', 'query'),
  auditor: identity(OPERATOR_MSP, 'auditor', 'auditor'),
  collector: identity(RETAILER_MSP, 'collector-1', 'collector'),
  store001: identity(RETAILER_MSP, 'store-001-pos', 'store', 'store-001'),
  /** The terminal of a store registered under a retailer of its own (the returns suite's). */
  loneStore: identity(RETAILER_MSP, 'store-lone-pos', 'store', 'store-lone'),
  otherCollector: identity(OTHER_RETAILER_MSP, 'collector-x', 'collector'),
  /** An operator role claimed by an identity of another organisation. */
  rogueOperator: identity(RETAILER_MSP, 'not-the-operator', 'operator'),
  manufacturer: identity(RETAILER_MSP, 'faber-analyst', 'manufacturer', 'mfr-faber'),
  noRole: { mspId: RETAILER_MSP, id: 'nobody' } as Identity,
};
