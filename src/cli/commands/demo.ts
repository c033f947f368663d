import type { Command } from 'commander';
import { resolve } from 'node:path';
import type { PersonRole } from '../../api/auth/person';
import { loadConfig } from '../../api/config';
import { limitHeapGrowth } from '../../node/heap-growth';
import { ContractClient } from '../../client/contract-client';
import { LOCAL_RETAILER_MSP, localIdentities } from '../../node/local-node';
import { provisionNetwork } from '../../sim/provision';
import {
  SYNTHETIC_MANUFACTURERS,
  SYNTHETIC_RETAILERS,
  SyntheticWorkload,
} from '../../sim/workload';
import { CliError } from '../cli-error';
import { parseDuration, parsePositive } from '../cli-options';
import { dataOption } from '../data-dir';
import { startLocalServer, type LocalServer } from '../local-server';
import { TerminalKeyLease } from '../terminal-key-lease';
import { exitAfter } from '../shutdown-deadline';
import { runSimulation, SIMULATOR_TERMINAL } from './simulate';
import { runPointsActivity, type ActiveCustomer } from '../../sim/points-activity';
import { Random } from '../../sim/random';
import { randomBytes } from 'node:crypto';

/** The demo network's size. */
const STORES = 12;
const CUSTOMERS = 500;
/** Customers whose apps transfer and redeem points during the demo. */
const APP_CUSTOMERS = 20;
const POINTS_ACTIVITY_INTERVAL_MS = 1500;

/**
 * The demo logins' shared password. It is printed on purpose: these logins
 * exist to be tried, in a local data folder. It is stored like any other
 * password (scrypt), never in clear.
 */
export const DEMO_PASSWORD = 'eter-demo-2026';

/** One login per role, each acting for a demo participant. */
export const DEMO_LOGINS: ReadonlyArray<{
  username: string;
  role: PersonRole;
  subjectId: string | null;
  sees: string;
}> = [
  { username: 'alice', role: 'customer', subjectId: 'cust-000001', sees: 'her tickets and points' },
  { username: 'store1', role: 'store', subjectId: 'store-001', sees: "store-001's tickets, live" },
  {
    username: 'chain',
    role: 'retailer',
    subjectId: SYNTHETIC_RETAILERS[0],
    sees: `the tickets of ${SYNTHETIC_RETAILERS[0]}'s stores (store-001, -004, -007, -010)`,
  },
  {
    username: 'faber',
    role: 'manufacturer',
    subjectId: SYNTHETIC_MANUFACTURERS[0]!.manufacturerId,
    sees: 'sales of Faber products, live',
  },
  { username: 'auditor', role: 'auditor', subjectId: null, sees: 'blocks and proofs' },
  { username: 'operator', role: 'operator', subjectId: null, sees: 'participants' },
];

interface DemoOptions {
  data: string;
  port: string;
  rate: string;
  for?: string;
}

/**
 * `eter demo` (what `npm start` runs): the whole system on the embedded
 * ledger in a local folder — collector and query API, read model, demo
 * participants and logins — with simulated point-of-sale traffic flowing
 * until Ctrl-C.
 */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run the API with demo participants, logins and live simulated POS traffic')
    .option(...dataOption)
    .option('--port <port>', 'port of the API (0 picks a free one)', '8080')
    .option('--rate <n>', 'simulated tickets per second', '20')
    .option('--for <duration>', 'stop after this long (default: until Ctrl-C)')
    .action(async (options: DemoOptions) => {
      const rate = parsePositive(options.rate, '--rate');
      const durationMs =
        options.for === undefined ? undefined : parseDuration(options.for, '--for');
      const config = loadConfig({
        flags: { dataDir: options.data, port: options.port, logLevel: 'warn' },
        env: {},
      });
      limitHeapGrowth(config.heapGrowthPercent);
      let server: LocalServer;
      try {
        server = await startLocalServer(config, { password: DEMO_PASSWORD, logins: DEMO_LOGINS });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
          throw new CliError(`port ${options.port} is in use: try --port 0 (any free port)`);
        }
        throw error;
      }
      const out = (line = '') => process.stdout.write(`${line}\n`);
      const abort = new AbortController();
      const stop = () => {
        exitAfter(config.shutdownTimeout, 'eter demo');
        abort.abort();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const keys = new Map<string, string>();
      // The run's own keys, revoked when it ends (not other runs' keys of the same terminal).
      const lease = new TerminalKeyLease(options.data, SIMULATOR_TERMINAL);
      try {
        const created = await provisionIfEmpty(server);
        await ensureLogins(server);
        for (let i = 1; i <= STORES; i++) {
          const storeId = `store-${String(i).padStart(3, '0')}`;
          keys.set(storeId, lease.keyFor(storeId));
        }
        printWelcome(out, server.address, resolve(options.data), created);
        const { customerIds } = new SyntheticWorkload({ stores: STORES, customers: CUSTOMERS });
        const customers = await appLogins(server, customerIds.slice(1, 1 + APP_CUSTOMERS));
        const activity = runPointsActivity({
          url: server.address,
          customers,
          recipients: customerIds,
          keys,
          random: new Random(Date.now() % 100_000),
          intervalMs: POINTS_ACTIVITY_INTERVAL_MS,
          signal: abort.signal,
        });
        await runSimulation({
          url: server.address,
          keys,
          stores: STORES,
          customers: CUSTOMERS,
          rate,
          signal: abort.signal,
          seed: Date.now() % 100_000,
          ...(durationMs === undefined ? {} : { durationMs }),
          print: (line) => out(`  ${line}`),
        });
        abort.abort();
        const points = await activity;
        out(
          `  points: ${points.transfers} transfers, ${points.redemptions} redemptions at tills, ${points.refused} refused`,
        );
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        lease.release();
        await server.close();
      }
      out();
      out(`stopped; the data stays in ${resolve(options.data)}. Check it end to end:`);
      out(`  node bin/eter.js verify --data ${options.data}`);
      out(`  node bin/eter.js audit points --data ${options.data}`);
    });
}

/** Registers the demo network on a ledger that has no store yet; true if it did. */
/**
 * Logins for the customers whose apps use their points in the demo, each
 * with a fresh random password (set again on every start: it is never shown
 * or stored in clear), logged in through the API like any app.
 */
async function appLogins(
  server: LocalServer,
  customerIds: readonly string[],
): Promise<ActiveCustomer[]> {
  const existing = new Set(server.users.list().map((u) => u.username));
  const customers: ActiveCustomer[] = [];
  for (const customerId of customerIds) {
    const username = `app-${customerId}`;
    const password = randomBytes(18).toString('base64url');
    if (existing.has(username)) await server.users.setPassword(username, password);
    else await server.users.create({ username, password, role: 'customer', subjectId: customerId });
    const login = async () => {
      const response = await fetch(`${server.address}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      return ((await response.json()) as { token: string }).token;
    };
    customers.push({ customerId, login });
  }
  return customers;
}

async function provisionIfEmpty(server: LocalServer): Promise<boolean> {
  const client: ContractClient = server.client;
  try {
    await client.getParticipant(localIdentities.operator, { kind: 'store', id: 'store-001' });
    return false;
  } catch {
    const workload = new SyntheticWorkload({ stores: STORES, customers: CUSTOMERS });
    await provisionNetwork(client, workload, localIdentities, LOCAL_RETAILER_MSP);
    return true;
  }
}

async function ensureLogins(server: LocalServer): Promise<void> {
  const existing = new Set(server.users.list().map((u) => u.username));
  for (const login of DEMO_LOGINS) {
    if (existing.has(login.username)) continue;
    await server.users.create({
      username: login.username,
      password: DEMO_PASSWORD,
      role: login.role,
      subjectId: login.subjectId,
    });
  }
}

function printWelcome(
  out: (line?: string) => void,
  url: string,
  dataDir: string,
  created: boolean,
): void {
  out();
  out(`Eter is running on the embedded ledger in ${dataDir}`);
  out(
    created
      ? `  registered ${STORES} stores, ${SYNTHETIC_MANUFACTURERS.length} manufacturers, ${CUSTOMERS} customers`
      : '  (an existing ledger: its participants and history are kept)',
  );
  out();
  out(`  web app      ${url}/`);
  out(`  API          ${url}/v1`);
  out(`  API docs     ${url}/docs`);
  out(`  OpenAPI      ${url}/openapi.json`);
  out(`  metrics      ${url}/metrics`);
  out();
  out(`  logins (password ${DEMO_PASSWORD}):`);
  for (const login of DEMO_LOGINS) {
    out(`    ${login.username.padEnd(9)} ${login.role.padEnd(13)} ${login.sees}`);
  }
  out();
  out('  try:');
  out(`    TOKEN=$(curl -s ${url}/v1/auth/login -H 'content-type: application/json' \\`);
  out(`      -d '{"username":"faber","password":"${DEMO_PASSWORD}"}' | jq -r .token)`);
  out(`    curl -N ${url}/v1/stream/sales -H "authorization: Bearer $TOKEN"`);
  out();
  out('  simulated tills are sending tickets; Ctrl-C stops everything');
  out();
}
