/**
 * Who a transaction is submitted as. On Fabric this is an X.509 identity of
 * an organisation (MSP); on the embedded ledger it is configured locally.
 * Contracts see it through the chaincode stub's `ClientIdentity`.
 */
export interface Identity {
  /** Membership service provider (organisation) id, e.g. `OperatorMSP`. */
  readonly mspId: string;
  /** Stable unique id of the subject within its MSP, e.g. `collector-1`. */
  readonly id: string;
  /**
   * Certificate attributes (on Fabric, issued by the Fabric CA as `attrs`),
   * e.g. `{ 'eter.role': 'collector' }`. Contracts decide access from these.
   */
  readonly attributes?: Readonly<Record<string, string>>;
}
