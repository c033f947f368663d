/**
 * Who may read or act on what: every kind of resource the API serves, the
 * callers it is granted to, and on what condition. This table is the access
 * policy; `policy.ts` applies it, `matrix.ts` prints it for docs/api.md, and
 * the routes name the entry they serve.
 */
import type { CallerKind } from './roles';

/**
 * On what condition a kind of caller is granted a resource:
 * - `any`: every caller of that kind (auditors read every ticket);
 * - `self`: the resource is the caller's own by construction (its login,
 *   its stream), so there is nothing to compare;
 * - `own`: the resource's id of the caller's kind is the caller's own (a
 *   customer's id for a customer, a store's for a store or its terminal...);
 * - `its-store`: a retailer, for a store registered under it;
 * - `party`: a ticket, for its customer, its store, or its store's retailer;
 * - `ledger`: the caller's kind is admitted, and the contract decides the
 *   rest from records only the ledger holds (a till's return lookup: the
 *   sale must be of its own retailer), answering as for a missing resource.
 */
export type Grant = 'any' | 'self' | 'own' | 'its-store' | 'party' | 'ledger';

/** One kind of resource and who may have it. */
export interface AccessRule {
  /** What it is, for the matrix. */
  readonly about: string;
  /** The routes that serve it, as `METHOD path`, for the matrix and its test. */
  readonly routes: readonly string[];
  /** Open to everyone, with or without a credential. */
  readonly public?: true;
  /** The kinds of caller admitted, each with its condition. */
  readonly grants: Partial<Record<CallerKind, Grant>>;
  /**
   * The answer when an admitted caller fails the condition: `not-found`
   * (the default) answers exactly as for a resource that does not exist,
   * so nothing leaks by existence; `forbidden` where the caller already
   * knows the resource exists (a till sending another store's ticket).
   */
  readonly refusal?: 'not-found' | 'forbidden';
  /** What a 404 says there is no such of ("no such store"): the resource the path names. */
  readonly noun?: string;
}

const everyPerson = {
  customer: 'self',
  store: 'self',
  retailer: 'self',
  manufacturer: 'self',
  auditor: 'self',
  operator: 'self',
} as const;

/** The policy, resource by resource. */
export const ACCESS_RULES = {
  service: {
    about: 'health, metrics and the API document',
    routes: ['GET /healthz', 'GET /readyz', 'GET /metrics', 'GET /openapi.json'],
    public: true,
    grants: {},
  },
  login: {
    about: "logging in (and the demo's logins)",
    routes: ['POST /v1/auth/login', 'POST /v1/auth/session', 'GET /v1/auth/demo-logins'],
    public: true,
    grants: {},
  },
  session: {
    about: "one's own login: who am I, log out",
    routes: [
      'GET /v1/me',
      'POST /v1/auth/logout',
      'GET /v1/auth/session',
      'DELETE /v1/auth/session',
    ],
    grants: everyPerson,
  },
  'ticket-intake': {
    about: 'recording tickets from a till',
    routes: ['POST /v1/tickets', 'POST /v1/tickets:batch'],
    grants: { terminal: 'own' },
    refusal: 'forbidden',
  },
  'ticket-returnable': {
    noun: 'sale',
    about: "what is left to return of a sale, for a till of the sale's retailer",
    routes: ['GET /v1/stores/{storeId}/tickets/{ticketId}/returnable'],
    grants: { terminal: 'ledger' },
  },
  redemption: {
    about: "redeeming a customer's grant at a till",
    routes: ['POST /v1/stores/{storeId}/redemptions'],
    grants: { terminal: 'own' },
    refusal: 'forbidden',
  },
  'store-tickets': {
    noun: 'store',
    about: "a store's tickets and daily sales",
    routes: ['GET /v1/stores/{storeId}/tickets', 'GET /v1/stores/{storeId}/sales'],
    grants: { store: 'own', retailer: 'its-store' },
  },
  ticket: {
    noun: 'ticket',
    about: 'one ticket, with its proof',
    routes: ['GET /v1/stores/{storeId}/tickets/{ticketId}'],
    grants: { customer: 'party', store: 'party', retailer: 'party', auditor: 'any' },
  },
  'retailer-tickets': {
    noun: 'retailer',
    about: "a retailer's tickets and daily sales, across its stores",
    routes: ['GET /v1/retailers/{retailerId}/tickets', 'GET /v1/retailers/{retailerId}/sales'],
    grants: { retailer: 'own' },
  },
  'customer-account': {
    noun: 'customer',
    about: "a customer's tickets, points, movements and their proofs",
    routes: [
      'GET /v1/customers/{customerId}/tickets',
      'GET /v1/customers/{customerId}/points',
      'GET /v1/customers/{customerId}/points/movements/{txId}/proof',
      'GET /v1/customers/{customerId}/points/grants',
    ],
    grants: { customer: 'own' },
  },
  wallet: {
    noun: 'customer',
    about: "acting on a customer's points: transfers, grants, consolidation",
    routes: [
      'POST /v1/customers/{customerId}/points/transfers',
      'POST /v1/customers/{customerId}/points/grants',
      'DELETE /v1/customers/{customerId}/points/grants/{grantId}',
      'POST /v1/customers/{customerId}/points/consolidations',
    ],
    grants: { customer: 'own' },
  },
  'points-stream': {
    about: "a customer's own points, live",
    routes: ['GET /v1/stream/points'],
    grants: { customer: 'self' },
  },
  'manufacturer-sales': {
    noun: 'manufacturer',
    about: "a manufacturer's sales of its own products",
    routes: [
      'GET /v1/manufacturers/{manufacturerId}/sales',
      'GET /v1/manufacturers/{manufacturerId}/sales/lines',
      'GET /v1/manufacturers/{manufacturerId}/sales/lines/{reference}/proof',
    ],
    grants: { manufacturer: 'own' },
  },
  'sales-stream': {
    about: "live sales: a store's or retailer's tickets, a manufacturer's lines",
    routes: ['GET /v1/stream/sales'],
    grants: { store: 'self', retailer: 'self', manufacturer: 'self' },
  },
  'ledger-key': {
    about: "the node's public key, which signs the ledger's heads",
    routes: ['GET /v1/ledger/key'],
    public: true,
    grants: {},
  },
  'ledger-head': {
    about: "the ledger's signed head",
    routes: ['GET /v1/ledger/head'],
    grants: { auditor: 'any', operator: 'any' },
  },
  ledger: {
    about: 'blocks, any transaction and its proof, consistency proofs',
    routes: [
      'GET /v1/ledger/blocks',
      'GET /v1/ledger/transactions/{txId}/proof',
      'GET /v1/ledger/consistency',
    ],
    grants: { auditor: 'any' },
  },
  participants: {
    about: 'the participant registry: list, register, suspend, erase a customer',
    routes: ['GET /v1/participants/…', 'POST /v1/participants/…', 'PUT /v1/participants/…'],
    grants: { operator: 'any' },
  },
} as const satisfies Record<string, AccessRule>;

/** The name of a resource kind in {@link ACCESS_RULES}. */
export type ResourceKind = keyof typeof ACCESS_RULES;

/**
 * Whether `rule` takes the credential a caller of `kind` holds at all (a
 * terminal key, or a person's login), whatever that caller's role: if not,
 * the answer is 401 (no credential it takes); if so but the role is not
 * granted, 403.
 */
export function takesCredentialOf(rule: AccessRule, kind: CallerKind): boolean {
  return Object.keys(rule.grants).some((k) => (k === 'terminal') === (kind === 'terminal'));
}
