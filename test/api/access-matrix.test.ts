/**
 * Who may see what, walked exhaustively: every route the server registers ×
 * every kind of caller × an own and a foreign resource, each with the exact
 * status expected. A route missing from the table fails the test, so no
 * endpoint ships without an access decision.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ACCESS_RULES, PERSON_ROLES, type PersonRole, type ResourceKind } from '../../src/access';
import { buildTicket, gtin13 } from '../../src/sim/ticket-factory';
import { basket, FABER_PREFIX, ids, startTestNetwork, type TestNetwork } from '../support/network';

type Caller = 'anonymous' | 'terminal' | PersonRole;
const CALLERS: readonly Caller[] = ['anonymous', 'terminal', ...PERSON_ROLES];

/** Expected status for the own and the foreign resource (or a set of acceptable ones). */
type Expect = number | readonly number[];

interface Target {
  readonly path: string;
  readonly body?: () => unknown;
}

interface Entry {
  readonly own: Target;
  /** Absent when the route has no owner (public, auditor, operator routes). */
  readonly foreign?: Target;
  /** Callers allowed in, with [own, foreign] statuses; every other person gets 403. */
  readonly allow: Partial<Record<Caller, readonly [Expect, Expect?]>>;
  /** Status for callers not in `allow` who are not people (default 401). */
  readonly strangers?: number;
  /** Status for people not in `allow` (default 403). */
  readonly others?: number;
  /** An event stream: only the status line is read. */
  readonly stream?: boolean;
}

const own = ids.own;
const foreign = ids.foreign;
/** The customer the erasure route's entry erases. */
const ERASED = 'cust-m-erased';
let serial = 0;
const next = () => String(++serial).padStart(4, '0');
const ok = [200] as const;

const MATRIX: Record<string, Entry> = {
  'GET /healthz': { own: { path: '/healthz' }, allow: everyone(200) },
  'GET /readyz': { own: { path: '/readyz' }, allow: everyone(200) },
  'GET /metrics': { own: { path: '/metrics' }, allow: everyone(200) },
  'GET /openapi.json': { own: { path: '/openapi.json' }, allow: everyone(200) },
  'POST /v1/auth/login': {
    own: {
      path: '/v1/auth/login',
      // A name each time: the same one would meet the back-off after five failures.
      body: () => ({ username: `nobody-${next()}`, password: 'wrong password' }),
    },
    allow: everyone(401),
  },
  'POST /v1/auth/logout': {
    own: { path: '/v1/auth/logout' },
    allow: Object.fromEntries(PERSON_ROLES.map((r) => [r, [204]])),
  },
  'POST /v1/auth/session': {
    own: {
      path: '/v1/auth/session',
      body: () => ({ username: `nobody-${next()}`, password: 'wrong password' }),
    },
    allow: everyone(401),
  },
  'GET /v1/auth/session': {
    own: { path: '/v1/auth/session' },
    allow: Object.fromEntries(PERSON_ROLES.map((r) => [r, ok])),
  },
  'DELETE /v1/auth/session': {
    own: { path: '/v1/auth/session' },
    allow: Object.fromEntries(PERSON_ROLES.map((r) => [r, [204]])),
  },
  'GET /v1/auth/demo-logins': { own: { path: '/v1/auth/demo-logins' }, allow: everyone(200) },
  'GET /v1/me': {
    own: { path: '/v1/me' },
    allow: Object.fromEntries(PERSON_ROLES.map((r) => [r, ok])),
  },
  'POST /v1/tickets': {
    own: { path: '/v1/tickets', body: () => basket(`t-m-${next()}`, own.store) },
    foreign: { path: '/v1/tickets', body: () => basket(`t-m-${next()}`, foreign.store) },
    allow: { terminal: [201, 403] },
    others: 401,
  },
  'POST /v1/tickets::batch': {
    own: {
      path: '/v1/tickets:batch',
      body: () => ({ tickets: [basket(`t-m-${next()}`, own.store)] }),
    },
    // A batch answers 200 with each ticket's own status (the foreign one is 403 inside).
    foreign: {
      path: '/v1/tickets:batch',
      body: () => ({ tickets: [basket(`t-m-${next()}`, foreign.store)] }),
    },
    allow: { terminal: [200, 200] },
    others: 401,
  },
  'GET /v1/stores/:storeId/tickets': {
    own: { path: `/v1/stores/${own.store}/tickets` },
    foreign: { path: `/v1/stores/${foreign.store}/tickets` },
    allow: { store: [200, 404], retailer: [200, 404] },
  },
  'GET /v1/retailers/:retailerId/tickets': {
    own: { path: `/v1/retailers/${own.retailer}/tickets` },
    foreign: { path: `/v1/retailers/${foreign.retailer}/tickets` },
    allow: { retailer: [200, 404] },
  },
  'GET /v1/stores/:storeId/sales': {
    own: { path: `/v1/stores/${own.store}/sales?from=2026-11-01&to=2026-11-30` },
    foreign: { path: `/v1/stores/${foreign.store}/sales?from=2026-11-01&to=2026-11-30` },
    allow: { store: [200, 404], retailer: [200, 404] },
  },
  'GET /v1/retailers/:retailerId/sales': {
    own: { path: `/v1/retailers/${own.retailer}/sales?from=2026-11-01&to=2026-11-30` },
    foreign: { path: `/v1/retailers/${foreign.retailer}/sales?from=2026-11-01&to=2026-11-30` },
    allow: { retailer: [200, 404] },
  },
  'GET /v1/stores/:storeId/tickets/:ticketId/returnable': {
    own: { path: `/v1/stores/${own.store}/tickets/t-own-1/returnable` },
    foreign: { path: `/v1/stores/${foreign.store}/tickets/t-foreign-1/returnable` },
    allow: { terminal: [200, 404] },
    others: 401,
  },
  'GET /v1/stores/:storeId/tickets/:ticketId': {
    own: { path: `/v1/stores/${own.store}/tickets/t-own-1` },
    foreign: { path: `/v1/stores/${foreign.store}/tickets/t-foreign-1` },
    allow: {
      store: [200, 404],
      retailer: [200, 404],
      customer: [200, 404],
      auditor: [200, 200],
    },
  },
  'GET /v1/customers/:customerId/tickets': {
    own: { path: `/v1/customers/${own.customer}/tickets` },
    foreign: { path: `/v1/customers/${foreign.customer}/tickets` },
    allow: { customer: [200, 404] },
  },
  'GET /v1/customers/:customerId/points': {
    own: { path: `/v1/customers/${own.customer}/points` },
    foreign: { path: `/v1/customers/${foreign.customer}/points` },
    allow: { customer: [200, 404] },
  },
  'POST /v1/customers/:customerId/points/transfers': {
    own: {
      path: `/v1/customers/${own.customer}/points/transfers`,
      body: () => ({ toCustomerId: foreign.customer, points: 10 }),
    },
    foreign: {
      path: `/v1/customers/${foreign.customer}/points/transfers`,
      body: () => ({ toCustomerId: own.customer, points: 10 }),
    },
    allow: { customer: [201, 404] },
  },
  'POST /v1/customers/:customerId/points/grants': {
    own: {
      path: `/v1/customers/${own.customer}/points/grants`,
      body: () => ({ storeId: own.store, points: 1 }),
    },
    foreign: {
      path: `/v1/customers/${foreign.customer}/points/grants`,
      body: () => ({ storeId: own.store, points: 1 }),
    },
    allow: { customer: [201, 404] },
  },
  'POST /v1/customers/:customerId/points/consolidations': {
    own: { path: `/v1/customers/${own.customer}/points/consolidations` },
    foreign: { path: `/v1/customers/${foreign.customer}/points/consolidations` },
    allow: { customer: [200, 404] },
  },
  'GET /v1/customers/:customerId/points/grants': {
    own: { path: `/v1/customers/${own.customer}/points/grants` },
    foreign: { path: `/v1/customers/${foreign.customer}/points/grants` },
    allow: { customer: [200, 404] },
  },
  'DELETE /v1/customers/:customerId/points/grants/:grantId': {
    own: { path: `/v1/customers/${own.customer}/points/grants/GRANTID` },
    foreign: { path: `/v1/customers/${foreign.customer}/points/grants/GRANTID` },
    allow: { customer: [200, 404] },
  },
  'GET /v1/customers/:customerId/points/movements/:txId/proof': {
    own: { path: `/v1/customers/${own.customer}/points/movements/MOVETX/proof` },
    foreign: { path: `/v1/customers/${foreign.customer}/points/movements/MOVETX/proof` },
    allow: { customer: [200, 404] },
  },
  'POST /v1/stores/:storeId/redemptions': {
    own: {
      path: `/v1/stores/${own.store}/redemptions`,
      body: () => ({ code: grantCode, redemptionId: `rd-${next()}` }),
    },
    foreign: {
      path: `/v1/stores/${foreign.store}/redemptions`,
      body: () => ({ code: grantCode, redemptionId: `rd-${next()}` }),
    },
    allow: { terminal: [201, 403] },
    others: 401,
  },
  'GET /v1/stream/points': {
    own: { path: '/v1/stream/points' },
    allow: { customer: ok },
    stream: true,
  },
  'GET /v1/manufacturers/:manufacturerId/sales': {
    own: { path: `/v1/manufacturers/${own.manufacturer}/sales?from=2026-11-01&to=2026-11-30` },
    foreign: {
      path: `/v1/manufacturers/${foreign.manufacturer}/sales?from=2026-11-01&to=2026-11-30`,
    },
    allow: { manufacturer: [200, 404] },
  },
  'GET /v1/manufacturers/:manufacturerId/sales/lines': {
    own: {
      path: `/v1/manufacturers/${own.manufacturer}/sales/lines?from=2026-11-01&to=2026-11-30`,
    },
    foreign: {
      path: `/v1/manufacturers/${foreign.manufacturer}/sales/lines?from=2026-11-01&to=2026-11-30`,
    },
    allow: { manufacturer: [200, 404] },
  },
  // A made-up reference: the route is the manufacturer's, the line nobody's (404).
  'GET /v1/manufacturers/:manufacturerId/sales/lines/:reference/proof': {
    own: { path: `/v1/manufacturers/${own.manufacturer}/sales/lines/${'A'.repeat(22)}/proof` },
    foreign: {
      path: `/v1/manufacturers/${foreign.manufacturer}/sales/lines/${'A'.repeat(22)}/proof`,
    },
    allow: { manufacturer: [404, 404] },
  },
  'GET /v1/stream/sales': {
    own: { path: '/v1/stream/sales' },
    allow: { manufacturer: ok, store: ok, retailer: ok },
    stream: true,
  },
  'GET /v1/participants/stores': {
    own: { path: '/v1/participants/stores' },
    allow: { operator: ok },
  },
  'GET /v1/participants/manufacturers': {
    own: { path: '/v1/participants/manufacturers' },
    allow: { operator: ok },
  },
  'GET /v1/participants/customers': {
    own: { path: '/v1/participants/customers' },
    allow: { operator: ok },
  },
  'POST /v1/participants/stores': {
    own: {
      path: '/v1/participants/stores',
      body: () => ({ storeId: `store-m${next()}`, name: 'Matrix store', mspId: 'RetailerMSP' }),
    },
    allow: { operator: [201] },
  },
  'POST /v1/participants/manufacturers': {
    own: {
      path: '/v1/participants/manufacturers',
      body: () => ({
        manufacturerId: `mfr-m${next()}`,
        name: 'Matrix',
        prefixes: [`9${next()}00`],
      }),
    },
    allow: { operator: [201] },
  },
  'POST /v1/participants/customers': {
    own: { path: '/v1/participants/customers', body: () => ({ customerId: `cust-m${next()}` }) },
    allow: { operator: [201] },
  },
  'PUT /v1/participants/customers/:id/status': {
    own: {
      path: `/v1/participants/customers/${own.customer}/status`,
      body: () => ({ status: 'active' }),
    },
    allow: { operator: ok },
  },
  'PUT /v1/participants/stores/:id/status': {
    own: {
      path: `/v1/participants/stores/${own.store}/status`,
      body: () => ({ status: 'active' }),
    },
    allow: { operator: ok },
  },
  'PUT /v1/participants/manufacturers/:id/status': {
    own: {
      path: `/v1/participants/manufacturers/${own.manufacturer}/status`,
      body: () => ({ status: 'active' }),
    },
    allow: { operator: ok },
  },
  'POST /v1/participants/customers/:customerId/erasure': {
    // A customer of its own (registered before): erased once, by the operator.
    own: {
      path: `/v1/participants/customers/${ERASED}/erasure`,
      body: () => ({ reason: 'matrix' }),
    },
    allow: { operator: ok },
  },
  'GET /v1/ledger/key': { own: { path: '/v1/ledger/key' }, allow: everyone(200) },
  'GET /v1/ledger/head': { own: { path: '/v1/ledger/head' }, allow: { auditor: ok, operator: ok } },
  'GET /v1/ledger/blocks': { own: { path: '/v1/ledger/blocks' }, allow: { auditor: ok } },
  'GET /v1/ledger/transactions/:txId/proof': {
    own: { path: '/v1/ledger/transactions/TXID/proof' },
    allow: { auditor: ok },
  },
  'GET /v1/ledger/consistency': {
    own: { path: '/v1/ledger/consistency?from=0' },
    allow: { auditor: ok },
  },
};

/** Public documentation routes (the interactive docs and their assets) and the web app's assets. */
const PUBLIC_PREFIXES = ['/docs', '/assets'];

/** A path with its parameters unnamed, and the participant kinds as one `{kind}`. */
function generic(path: string): string {
  return path
    .replace(/^\/v1\/participants\/(stores|manufacturers|customers)/, '/v1/participants/{kind}')
    .replace(/\{[^}]+\}/g, '{}');
}

function everyone(status: number): Partial<Record<Caller, readonly [Expect]>> {
  return Object.fromEntries(CALLERS.map((c) => [c, [status]]));
}

/** A grant of the own customer for the own store, for the redemption route. */
let grantCode = '';

describe('access matrix', () => {
  let net: TestNetwork;
  let txId: string;
  let grantToCancel: string;
  let movementTx: string;
  before(async () => {
    net = await startTestNetwork();
    const registered = await net.request('POST', '/v1/participants/customers', {
      auth: net.token('operator'),
      body: { customerId: ERASED },
    });
    assert.equal(registered.status, 201);
    // Enough points for the own customer's transfers (ten points at the least).
    const bigSale = buildTicket({
      ticketId: 'z-points',
      storeId: own.store,
      customerId: own.customer,
      lines: [{ gtin: gtin13(FABER_PREFIX, 2), quantity: '1', unitPrice: '50.00' }],
    });
    assert.equal(
      (await net.request('POST', '/v1/tickets', { auth: net.apiKey, body: bigSale })).status,
      201,
    );
    const page = await net.request('GET', `/v1/stores/${own.store}/tickets`, {
      auth: net.token('store'),
    });
    txId = (page.body as { tickets: Array<{ txId: string }> }).tickets[0]!.txId;
    const customer = { auth: net.token('customer') };
    const grants = `/v1/customers/${own.customer}/points/grants`;
    const body = { storeId: own.store, points: 1 };
    const created = async () =>
      (await net.request('POST', grants, { ...customer, body })).body as {
        code: string;
        grantId: string;
      };
    grantCode = (await created()).code;
    grantToCancel = (await created()).grantId;
    const points = await net.request('GET', `/v1/customers/${own.customer}/points`, customer);
    movementTx = (points.body as { movements: Array<{ txId: string }> }).movements[0]!.txId;
  });
  after(async () => {
    await net.close();
  });

  it('has a decision for every route the server registers', () => {
    const missing = net.server.app.routeCatalog
      .filter((r) => !PUBLIC_PREFIXES.some((p) => r.url.startsWith(p)))
      .map((r) => `${r.method} ${r.url}`)
      .filter((key) => !(key in MATRIX));
    assert.deepEqual(missing, [], 'routes without an entry in the access matrix');
    const stale = Object.keys(MATRIX).filter(
      (key) => !net.server.app.routeCatalog.some((r) => `${r.method} ${r.url}` === key),
    );
    assert.deepEqual(stale, [], 'matrix entries for routes that do not exist');
  });

  it('has every route name the resource it serves, in a rule that lists it', () => {
    const astray = net.server.app.routeCatalog
      .filter((r) => !PUBLIC_PREFIXES.some((p) => r.url.startsWith(p)))
      .filter((r) => {
        const rule = r.access === undefined ? undefined : ACCESS_RULES[r.access as ResourceKind];
        // Fastify's '::' is a literal ':' (tickets:batch); ':name' is a parameter.
        const path = r.url.split('::').map((part) => part.replace(/:(\w+)/g, '{$1}'));
        const key = `${r.method} ${path.join(':')}`;
        return !rule?.routes.some((listed: string) =>
          listed.endsWith('…') ? key.startsWith(listed.slice(0, -1)) : listed === key,
        );
      })
      .map((r) => `${r.method} ${r.url} (${r.access ?? 'no access kind'})`);
    assert.deepEqual(astray, [], 'routes whose access kind is missing or does not list them');
  });

  it("lists every operation of /openapi.json in the README's API table, and nothing else", async () => {
    const res = await net.request('GET', '/openapi.json');
    const doc = res.body as { paths: Record<string, Record<string, unknown>> };
    const METHODS = ['get', 'post', 'put', 'delete', 'patch'];
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) =>
        Object.keys(ops)
          .filter((m) => METHODS.includes(m))
          .map((m) => `${m.toUpperCase()} ${generic(path)}`),
      )
      .sort();
    const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
    const table = readme.slice(
      readme.indexOf('| endpoint'),
      readme.indexOf('\n\n', readme.indexOf('| endpoint')),
    );
    const listed = table
      .split('\n')
      .slice(2)
      .flatMap((row) =>
        // Cells split at unescaped pipes: `POST\\|GET` is one cell.
        [...(row.split(/(?<!\\)\|/)[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]!),
      )
      // The service endpoints (health, metrics) are listed, and hidden from the document.
      .filter((span) => / \/v1\//.test(span))
      .flatMap((span) => {
        const [methods, path] = span.replace(/\\\|/g, '|').split(' ');
        return methods!.split('|').map((m) => `${m} ${generic(path!)}`);
      })
      .sort();
    assert.deepEqual([...new Set(listed)], [...new Set(documented)]);
  });

  for (const [route, entry] of Object.entries(MATRIX)) {
    it(route, async () => {
      const failures: string[] = [];
      for (const caller of CALLERS) {
        const allowed = entry.allow[caller];
        const person = caller !== 'anonymous' && caller !== 'terminal';
        const denied = person ? (entry.others ?? 403) : (entry.strangers ?? 401);
        const variants: Array<['own' | 'foreign', Target, Expect]> = [
          ['own', entry.own, allowed?.[0] ?? denied],
        ];
        if (entry.foreign !== undefined) {
          variants.push(['foreign', entry.foreign, allowed?.[1] ?? allowed?.[0] ?? denied]);
        }
        for (const [side, target, expected] of variants) {
          const status = await call(route.split(' ')[0]!, target, caller, entry.stream === true);
          const acceptable = typeof expected === 'number' ? [expected] : expected;
          if (!acceptable.includes(status)) {
            failures.push(`${caller} ${side}: got ${status}, expected ${acceptable.join('|')}`);
          }
        }
      }
      assert.deepEqual(failures, []);
    });
  }

  it('404s for unknown and foreign resources alike', async () => {
    const store = net.token('store');
    const foreignTicket = await net.request(
      'GET',
      `/v1/stores/${foreign.store}/tickets/t-foreign-1`,
      { auth: store },
    );
    const unknownTicket = await net.request('GET', `/v1/stores/${own.store}/tickets/t-nope`, {
      auth: store,
    });
    assert.equal(foreignTicket.status, 404);
    assert.equal(unknownTicket.status, 404);
    assert.equal(
      (foreignTicket.body as { title: string }).title,
      (unknownTicket.body as { title: string }).title,
    );
  });

  async function call(
    method: string,
    target: Target,
    caller: Caller,
    stream: boolean,
  ): Promise<number> {
    const auth =
      caller === 'anonymous' ? undefined : caller === 'terminal' ? net.apiKey : net.token(caller);
    const path = target.path
      .replace('TXID', txId)
      .replace('GRANTID', grantToCancel)
      .replace('MOVETX', movementTx);
    if (stream) {
      const abort = new AbortController();
      const response = await fetch(`${net.url}${path}`, {
        headers: auth === undefined ? {} : { authorization: `Bearer ${auth}` },
        signal: abort.signal,
      });
      abort.abort();
      return response.status;
    }
    const res = await net.request(method, path, {
      ...(auth === undefined ? {} : { auth }),
      ...(target.body === undefined ? {} : { body: target.body() }),
    });
    return res.status;
  }
});
