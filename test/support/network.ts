/**
 * A served Eter network for API tests: the real `startLocalServer` wiring
 * (embedded ledger, access database, read model, projector, HTTP on
 * 127.0.0.1) in a temporary folder, with two of each participant so that
 * every role has an own and a foreign resource.
 */
import { PERSON_ROLES, type Person, type PersonRole } from '../../src/api/auth/person';
import { TokenService } from '../../src/api/auth/tokens';
import { loadConfig, type ServerConfig } from '../../src/api/config';
import { startLocalServer, type LocalServer } from '../../src/cli/local-server';
import type { Ticket } from '../../src/format';
import { localIdentities, LOCAL_RETAILER_MSP } from '../../src/node/local-node';
import { buildTicket, gtin13 } from '../../src/sim/ticket-factory';
import { tempDir } from './engines';

export const FABER_PREFIX = '400638';
export const ALBION_PREFIX = '5000112';

/** Participant ids: `own` is what each login acts for; `foreign` belongs to someone else. */
export const ids = {
  own: {
    customer: 'cust-0001',
    store: 'store-001',
    retailer: 'chain-own',
    manufacturer: 'mfr-faber',
  },
  foreign: {
    customer: 'cust-0002',
    store: 'store-002',
    retailer: 'chain-foreign',
    manufacturer: 'mfr-albion',
  },
} as const;

/** The roles with a login for the foreign participant too. */
const FOREIGN_LOGINS = ['customer', 'store', 'retailer', 'manufacturer'] as const;

export interface TestNetwork {
  readonly url: string;
  readonly server: LocalServer;
  readonly dataDir: string;
  /** Terminal key of store-001 (own). */
  readonly apiKey: string;
  /** Tickets recorded at start: own (store-001, cust-0001) and foreign (store-002, cust-0002). */
  readonly tickets: { readonly own: Ticket; readonly foreign: Ticket };
  /**
   * A login token for a person of `role` acting for the own participant, or the foreign one
   * (customers, stores, retailers and manufacturers).
   */
  token(role: PersonRole, side?: 'own' | 'foreign'): string;
  /** Sends a request; `auth` is a bearer credential. */
  request(
    method: string,
    path: string,
    options?: { auth?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: unknown; headers: Headers }>;
  /** Resolves once the read model has every committed block. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** A ticket of `storeId` with a Faber pen, an Albion tea and loose produce. */
export function basket(ticketId: string, storeId: string, customerId?: string): Ticket {
  return buildTicket({
    ticketId,
    storeId,
    issuedAt: '2026-11-24T10:15:00+01:00',
    ...(customerId === undefined ? {} : { customerId }),
    lines: [
      { gtin: gtin13(FABER_PREFIX, 1), quantity: '2', unitPrice: '1.99', description: 'Pen' },
      { gtin: gtin13(ALBION_PREFIX, 1), quantity: '1', unitPrice: '3.50', description: 'Tea' },
      { gtin: gtin13('21', 7), quantity: '0.535', unitPrice: '2.99', description: 'Apples' },
    ],
  });
}

/** Starts the network; `settings` are passed as `eter serve` flags would be (limits, timeouts…). */
export async function startTestNetwork(
  settings: Partial<Record<keyof ServerConfig, unknown>> = {},
): Promise<TestNetwork> {
  const dir = tempDir('eter-net-');
  const config = loadConfig({
    flags: { port: 0, dataDir: dir.path, logLevel: 'silent', ...settings },
  });
  const server = await startLocalServer(config);
  const { client } = server;
  const op = localIdentities.operator;
  for (const side of [ids.own, ids.foreign]) {
    await client.registerStore(op, {
      storeId: side.store,
      name: side.store,
      mspId: LOCAL_RETAILER_MSP,
      retailerId: side.retailer,
    });
    await client.registerCustomer(op, { customerId: side.customer });
  }
  await client.registerManufacturer(op, {
    manufacturerId: ids.own.manufacturer,
    name: 'Faber',
    prefixes: [FABER_PREFIX],
  });
  await client.registerManufacturer(op, {
    manufacturerId: ids.foreign.manufacturer,
    name: 'Albion',
    prefixes: [ALBION_PREFIX],
  });
  const tickets = {
    own: basket('t-own-1', ids.own.store, ids.own.customer),
    foreign: basket('t-foreign-1', ids.foreign.store, ids.foreign.customer),
  };
  await client.recordTicket(localIdentities.collector, tickets.own);
  await client.recordTicket(localIdentities.collector, tickets.foreign);
  const { apiKey } = server.keys.create(ids.own.store, 'pos-01');
  const tokens = TokenService.open(dir.path, { ttlSeconds: config.tokenTtlSeconds });
  const subjectOf = (role: PersonRole, side: 'own' | 'foreign' = 'own'): string | null =>
    role === 'customer' || role === 'store' || role === 'retailer' || role === 'manufacturer'
      ? ids[side][role]
      : null;
  // Tokens are checked against live logins, so each role has a real one.
  for (const role of PERSON_ROLES) {
    await server.users.create({
      username: `${role}-own`,
      password: 'correct horse battery',
      role,
      subjectId: subjectOf(role),
    });
  }
  // The foreign participants too (the receiver of a transfer, another store, retailer and
  // manufacturer): proofs' tests read as each.
  for (const role of FOREIGN_LOGINS) {
    await server.users.create({
      username: `${role}-foreign`,
      password: 'correct horse battery',
      role,
      subjectId: ids.foreign[role],
    });
  }

  const network: TestNetwork = {
    url: server.address,
    server,
    dataDir: dir.path,
    apiKey,
    tickets,
    token(role, side = 'own') {
      if (side === 'foreign' && !(FOREIGN_LOGINS as readonly string[]).includes(role)) {
        throw new Error(`no foreign ${role}`);
      }
      const person: Person = {
        username: `${role}-${side}`,
        role,
        subjectId: subjectOf(role, side),
      };
      // At the login's current generation: a test that logged out gets a valid token again.
      return tokens.issue(person, server.users.tokenGeneration(person.username) ?? 0).token;
    },
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.auth !== undefined) headers.authorization = `Bearer ${options.auth}`;
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${server.address}${path}`, {
        method,
        headers,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Not JSON (an event stream, metrics): keep the text.
      }
      return { status: response.status, body, headers: response.headers };
    },
    async settled() {
      await server.ledger.flush();
      await server.projector?.waitFor((await server.ledger.height()) - 1);
    },
    async close() {
      await server.close();
      dir.cleanup();
    },
  };
  await network.settled();
  return network;
}
