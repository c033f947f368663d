/**
 * The collector over real HTTP on 127.0.0.1, on a real embedded ledger and
 * a real access database in a temporary folder.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { TokenService } from '../../src/api/auth/tokens';
import { UserStore } from '../../src/api/auth/user-store';
import { loadConfig } from '../../src/api/config';
import { buildInvalid, INVALID_TICKETS } from '../../src/format/testing/invalid-tickets';
import { buildServer } from '../../src/api/server';
import { TerminalKeyStore } from '../../src/api/terminal-keys';
import { ContractCallError, ContractClient } from '../../src/client/contract-client';
import type { Ticket } from '../../src/format';
import type { EmbeddedLedger } from '../../src/ledger/embedded';
import {
  localIdentities,
  LOCAL_RETAILER_MSP,
  bootstrapIfNew,
  openLocalLedger,
} from '../../src/node/local-node';
import { buildTicket, gtin13 } from '../../src/sim/ticket-factory';
import { tempDir } from '../support/engines';

interface Served {
  url: string;
  app: FastifyInstance;
  ledger: EmbeddedLedger;
  client: ContractClient;
  keys: TerminalKeyStore;
  apiKey: string;
  close(): Promise<void>;
}

async function serve(
  queueLimit?: number,
  intake: { intakeInFlight?: number; intakeQueue?: number } = {},
): Promise<Served> {
  const dir = tempDir('eter-api-');
  const ledger = openLocalLedger(
    dir.path,
    queueLimit === undefined ? undefined : { queueLimit, timeoutMs: 20 },
  );
  const client = new ContractClient(ledger);
  await bootstrapIfNew(client);
  for (const storeId of ['store-001', 'store-002']) {
    await client.registerStore(localIdentities.operator, {
      storeId,
      name: storeId,
      mspId: LOCAL_RETAILER_MSP,
    });
  }
  await client.registerCustomer(localIdentities.operator, { customerId: 'cust-0001' });
  const keys = new TerminalKeyStore(join(dir.path, 'access.db'));
  const { apiKey } = keys.create('store-001', 'pos-01');
  const config = loadConfig({
    flags: { role: 'collector', port: 0, dataDir: dir.path, logLevel: 'silent', ...intake },
  });
  const users = new UserStore(join(dir.path, 'access.db'));
  const tokens = TokenService.open(dir.path);
  const app = await buildServer({
    config,
    client,
    keys,
    users,
    tokens,
    identities: localIdentities,
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: address,
    app,
    ledger,
    client,
    keys,
    apiKey,
    async close() {
      await app.close();
      await ledger.close();
      keys.close();
      users.close();
      dir.cleanup();
    },
  };
}

let sequence = 0;
function ticket(over: Partial<Parameters<typeof buildTicket>[0]> = {}): Ticket {
  return buildTicket({
    ticketId: `API-${++sequence}`,
    storeId: 'store-001',
    customerId: 'cust-0001',
    lines: [{ gtin: gtin13('400638', 1), quantity: '2', unitPrice: '12.50' }],
    ...over,
  });
}

async function post(
  s: Served,
  path: string,
  body: unknown,
  init: { key?: string | null; contentType?: string } = {},
) {
  const key = init.key === undefined ? s.apiKey : init.key;
  const response = await fetch(`${s.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': init.contentType ?? 'application/json',
      ...(key === null ? {} : { authorization: `Bearer ${key}` }),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    headers: response.headers,
    body: text.length > 0 ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

async function isRecorded(s: Served, t: Ticket): Promise<boolean> {
  try {
    await s.client.getTicket(localIdentities.auditor, { storeId: t.storeId, ticketId: t.ticketId });
    return true;
  } catch (error) {
    if (error instanceof ContractCallError && error.code === 'NOT_FOUND') return false;
    throw error;
  }
}

describe('collector API', () => {
  let s: Served;
  before(async () => {
    s = await serve();
  });
  after(async () => {
    await s.close();
  });

  it('records a ticket and acknowledges it with its transaction, block and content hash', async () => {
    const t = ticket();
    const r = await post(s, '/v1/tickets', t);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.match(String(r.body.txId), /^[0-9a-f]{64}$/);
    assert.equal(typeof r.body.blockNumber, 'number');
    assert.match(String(r.body.contentHash), /^[0-9a-f]{64}$/);
    assert.equal(r.body.pointsAwarded, 25);
    assert.equal(r.body.replayed, false);
    assert.ok(await isRecorded(s, t));
    assert.match(r.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  });

  it('answers an identical repeat with 200 and the original receipt', async () => {
    const t = ticket();
    const first = await post(s, '/v1/tickets', t);
    const again = await post(s, '/v1/tickets', t);
    assert.equal(again.status, 200);
    assert.equal(again.body.replayed, true);
    for (const field of ['txId', 'blockNumber', 'contentHash', 'pointsAwarded']) {
      assert.deepEqual(again.body[field], first.body[field], field);
    }
  });

  it('answers other content under an existing ticket id with 409', async () => {
    const t = ticket();
    await post(s, '/v1/tickets', t);
    const other = buildTicket({
      ticketId: t.ticketId,
      storeId: 'store-001',
      lines: [{ gtin: gtin13('400638', 2), quantity: '1', unitPrice: '1.00' }],
    });
    const r = await post(s, '/v1/tickets', other);
    assert.equal(r.status, 409);
    assert.match(r.type, /application\/problem\+json/);
  });

  const invalid: Array<[string, (t: Ticket) => unknown, number, string, string]> = [
    ['a total that does not add up', (t) => ({ ...t, total: '99.99' }), 422, '/total', 'total'],
    ['a money amount as a number', (t) => ({ ...t, total: 25 }), 422, '/total', 'type'],
    [
      'an unknown field',
      (t) => ({ ...t, loyaltyCard: '1234' }),
      422,
      '/loyaltyCard',
      'additionalProperties',
    ],
    [
      'a wrong GTIN check digit',
      (t) => ({ ...t, lines: [{ ...t.lines[0]!, gtin: '4006381000012' }] }),
      422,
      '/lines/0/gtin',
      'gtin-check-digit',
    ],
    ['a missing ticket id', ({ ticketId: _, ...rest }) => rest, 422, '/ticketId', 'required'],
    [
      'an e-mail as customer id',
      (t) => ({ ...t, customerId: 'jane@example.com' }),
      422,
      '/customerId',
      'personal-data',
    ],
    ['an array instead of a ticket', () => [], 422, '', 'type'],
  ];
  for (const [what, mutate, status, path, rule] of invalid) {
    it(`refuses ${what} with ${status}, naming the field and rule, and records nothing`, async () => {
      const height = await s.ledger.height();
      const t = ticket();
      const r = await post(s, '/v1/tickets', mutate(t));
      assert.equal(r.status, status);
      assert.match(r.type, /application\/problem\+json/);
      const errors = r.body.errors as Array<{ path: string; rule: string }>;
      assert.ok(
        errors.some((e) => e.path === path && e.rule === rule),
        JSON.stringify(errors),
      );
      assert.equal(await s.ledger.height(), height);
      assert.equal(await isRecorded(s, t), false);
    });
  }

  it('refuses every malformed class of the format tests, naming path and rule, recording nothing', async () => {
    const height = await s.ledger.height();
    const failures: string[] = [];
    for (const c of INVALID_TICKETS) {
      // Always JSON-encoded: one case is a ticket sent as a JSON string.
      const r = await post(s, '/v1/tickets', JSON.stringify(buildInvalid(c)));
      const errors = (r.body.errors ?? []) as Array<{ path: string; rule: string }>;
      if (r.status !== 422 || !/problem\+json/.test(r.type)) {
        failures.push(`${c.name}: status ${r.status} ${r.type}`);
      } else if (!errors.some((e) => e.path === c.path && e.rule === c.rule)) {
        failures.push(`${c.name}: ${JSON.stringify(errors)}`);
      }
    }
    assert.deepEqual(failures, []);
    assert.equal(await s.ledger.height(), height, 'nothing recorded');
  });

  it('refuses a body that is not JSON with 400', async () => {
    const r = await post(s, '/v1/tickets', '{"ticketId": ');
    assert.equal(r.status, 400);
    assert.match(r.type, /application\/problem\+json/);
  });

  it('refuses another media type with 415 and an oversized body with 413', async () => {
    const wrongType = await post(s, '/v1/tickets', 'ticket', { contentType: 'text/plain' });
    assert.equal(wrongType.status, 415);
    const huge = { ...ticket(), padding: 'x'.repeat(300 * 1024) };
    const tooLarge = await post(s, '/v1/tickets', huge);
    assert.equal(tooLarge.status, 413);
  });

  it('requires a valid, unrevoked terminal key', async () => {
    const missing = await post(s, '/v1/tickets', ticket(), { key: null });
    assert.equal(missing.status, 401);
    assert.match(missing.headers.get('www-authenticate') ?? '', /Bearer/);
    const wrong = await post(s, '/v1/tickets', ticket(), { key: `${s.apiKey.slice(0, -2)}xx` });
    assert.equal(wrong.status, 401);
    const { apiKey, key } = s.keys.create('store-001', 'pos-02');
    assert.equal((await post(s, '/v1/tickets', ticket(), { key: apiKey })).status, 201);
    s.keys.revoke(key.keyId);
    assert.equal((await post(s, '/v1/tickets', ticket(), { key: apiKey })).status, 401);
  });

  it("refuses a ticket of another store than the key's with 403", async () => {
    const t = ticket({ storeId: 'store-002' });
    const r = await post(s, '/v1/tickets', t);
    assert.equal(r.status, 403);
    assert.equal((r.body.errors as Array<{ rule: string }>)[0]?.rule, 'store-binding');
    assert.equal(await isRecorded(s, t), false);
  });

  it('records a batch, each ticket with its own result, in order', async () => {
    const good = [ticket(), ticket(), ticket()];
    const bad = { ...ticket(), total: '0.01' };
    const r = await post(s, '/v1/tickets:batch', {
      tickets: [good[0], bad, good[1], good[2], good[0]],
    });
    assert.equal(r.status, 200);
    const results = r.body.results as Array<{
      status: number;
      receipt?: { ticketId: string };
      problem?: unknown;
    }>;
    assert.deepEqual(
      results.slice(1, 4).map((x) => x.status),
      [422, 201, 201],
    );
    // The same ticket twice in one batch: recorded once (201), the other answered as a repeat (200).
    assert.deepEqual([results[0]!.status, results[4]!.status].sort(), [200, 201]);
    assert.equal(results[0]?.receipt?.ticketId, good[0]!.ticketId);
    assert.ok(results[1]?.problem);
    for (const t of good) assert.ok(await isRecorded(s, t));
  });

  it('refuses an empty or oversized batch with 400', async () => {
    assert.equal((await post(s, '/v1/tickets:batch', { tickets: [] })).status, 400);
    assert.equal((await post(s, '/v1/tickets:batch', {})).status, 400);
    const tooMany = Array.from({ length: 1001 }, () => ticket());
    assert.equal((await post(s, '/v1/tickets:batch', { tickets: tooMany })).status, 400);
  });

  it('serves health, readiness, metrics and the OpenAPI document', async () => {
    assert.equal((await fetch(`${s.url}/healthz`)).status, 200);
    const ready = (await (await fetch(`${s.url}/readyz`)).json()) as { ledgerHeight: number };
    assert.ok(ready.ledgerHeight > 0);
    const metrics = await (await fetch(`${s.url}/metrics`)).text();
    assert.match(metrics, /eter_tickets_received_total\{status="201"\} \d+/);
    assert.match(metrics, /eter_ledger_height \d+/);
    const doc = (await (await fetch(`${s.url}/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/v1/tickets']);
    assert.ok(doc.paths['/v1/tickets:batch']);
    assert.ok(
      doc.components.schemas.Ticket?.properties?.lines,
      'the ticket schema is in the document',
    );
    const docs = await fetch(`${s.url}/docs/`);
    assert.equal(docs.status, 200);
    assert.match(await docs.text(), /swagger/i);
    const unknown = await fetch(`${s.url}/v1/nothing`);
    assert.equal(unknown.status, 404);
    assert.match(unknown.headers.get('content-type') ?? '', /problem\+json/);
  });
});

/**
 * Posts `count` tickets at once and checks that each got 201 or 503, some
 * 503 with `Retry-After: 1`, and that exactly the 201s are recorded.
 * @returns the refusals, for further checks.
 */
async function postAllExpectingSomeRefused(s: Served, count: number) {
  const tickets = Array.from({ length: count }, () => ticket());
  const answers = await Promise.all(tickets.map((t) => post(s, '/v1/tickets', t)));
  assert.ok(answers.every((a) => a.status === 201 || a.status === 503));
  const refused = answers.filter((a) => a.status === 503);
  assert.ok(refused.length > 0, 'some were refused');
  for (const [i, answer] of answers.entries()) {
    if (answer.status === 503) assert.equal(answer.headers.get('retry-after'), '1');
    assert.equal(await isRecorded(s, tickets[i]!), answer.status === 201);
  }
  return refused;
}

describe('collector API under overload', () => {
  it('answers 503 with Retry-After when the ledger queue is full, and records none of those', async () => {
    // One waiting transaction at most: once four blocks are being written,
    // a second arrival before the next cut is refused. With a few waiting
    // allowed, whether 60 tickets ever fill the queue depended on how fast
    // this machine wrote blocks compared to the test sending them.
    const s = await serve(1);
    try {
      await postAllExpectingSomeRefused(s, 100);
    } finally {
      await s.close();
    }
  });

  it('records at most intakeInFlight tickets at once and refuses beyond intakeQueue waiting', async () => {
    const s = await serve(undefined, { intakeInFlight: 2, intakeQueue: 3 });
    try {
      for (const answer of await postAllExpectingSomeRefused(s, 30)) {
        assert.equal(answer.body.type, 'https://eter.dev/problems/overloaded');
      }
    } finally {
      await s.close();
    }
  });

  it('records a batch larger than intakeInFlight a few at a time, each with its own result', async () => {
    const s = await serve(undefined, { intakeInFlight: 2, intakeQueue: 1000 });
    try {
      const tickets = Array.from({ length: 25 }, () => ticket());
      const answer = await post(s, '/v1/tickets:batch', { tickets });
      assert.equal(answer.status, 200);
      const results = answer.body.results as Array<{
        status: number;
        receipt: { ticketId: string };
      }>;
      assert.deepEqual(
        results.map((r) => [r.status, r.receipt.ticketId]),
        tickets.map((t) => [201, t.ticketId]),
      );
    } finally {
      await s.close();
    }
  });
});
