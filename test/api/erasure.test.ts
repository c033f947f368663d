/**
 * `POST /v1/participants/customers/{customerId}/erasure` over HTTP, on a real served ledger: a
 * customer with a login, a ticket and a transfer to another customer is erased by the operator;
 * then their login and tokens are refused, the read model and every body the API serves (store
 * and retailer tickets, ticket details with proofs, every transaction's proof, the other
 * customer's points and their stream) carry no trace of their id, and the ledger verifies.
 * Callers other than the operator are refused and record nothing; bad bodies name the field.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { TokenService } from '../../src/api/auth/tokens';
import { UserStore } from '../../src/api/auth/user-store';
import { loadConfig } from '../../src/api/config';
import { QueryContext } from '../../src/api/query-context';
import { buildServer } from '../../src/api/server';
import { TerminalKeyStore } from '../../src/api/terminal-keys';
import { ContractClient } from '../../src/client/contract-client';
import { type EmbeddedLedger, verifyLedger } from '../../src/ledger/embedded';
import { bootstrapIfNew, localIdentities, openLocalLedger } from '../../src/node/local-node';
import { LineReferences, Projector, ReadModel } from '../../src/readmodel';
import { tempDir } from '../support/engines';
import { buildTicket, gtin13 } from '../../src/sim/ticket-factory';
import { openSse } from '../support/sse';
import { FABER_PREFIX, ids, startTestNetwork, type TestNetwork } from '../support/network';

/** The customer erased: registered, with a login, by this test. */
const ALICE = 'cust-0009';
const PASSWORD = 'correct horse battery';
const erasure = (id: string) => `/v1/participants/customers/${id}/erasure`;

describe('erasing a customer through the API', () => {
  let net: TestNetwork;
  /** A token alice got by logging in, before she was erased. */
  let aliceToken = '';

  /** Every body the API serves that could name a customer, as text. */
  async function servedText(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    const get = async (label: string, path: string, auth: string) => {
      const res = await net.request('GET', path, { auth });
      assert.equal(res.status, 200, `${label}: ${JSON.stringify(res.body)}`);
      out[label] = JSON.stringify(res.body);
      return res.body;
    };
    const store = net.token('store');
    const auditor = net.token('auditor');
    await get('store tickets', `/v1/stores/${ids.own.store}/tickets`, store);
    await get(
      'retailer tickets',
      `/v1/retailers/${ids.own.retailer}/tickets`,
      net.token('retailer'),
    );
    await get('ticket (store)', `/v1/stores/${ids.own.store}/tickets/t-alice-1`, store);
    await get('ticket (auditor)', `/v1/stores/${ids.own.store}/tickets/t-alice-1`, auditor);
    const bob = net.token('customer');
    const points = (await get('bob points', `/v1/customers/${ids.own.customer}/points`, bob)) as {
      movements: Array<{ proof: string }>;
    };
    for (const [i, m] of points.movements.entries()) await get(`bob proof ${i}`, m.proof, bob);
    const blocks = (await get('blocks', '/v1/ledger/blocks?limit=100', auditor)) as {
      blocks: Array<{ transactions: Array<{ txId: string }> }>;
    };
    for (const tx of blocks.blocks.flatMap((b) => b.transactions)) {
      await get(`proof ${tx.txId}`, `/v1/ledger/transactions/${tx.txId}/proof`, auditor);
    }
    out['bob points stream'] = await replay('/v1/stream/points', bob);
    out['store sales stream'] = await replay('/v1/stream/sales', store);
    return out;
  }

  /** The events a stream replays from its start, as text. */
  async function replay(path: string, token: string): Promise<string> {
    const stream = await openSse(`${net.url}${path}`, {
      authorization: `Bearer ${token}`,
      'last-event-id': '0',
    });
    assert.equal(stream.status, 200);
    const events: string[] = [];
    try {
      for (;;) events.push(JSON.stringify(await stream.next(1000)));
    } catch {
      // No more within a second: the replay is over.
    } finally {
      stream.close();
    }
    assert.ok(events.length > 0, `${path} replays something`);
    return events.join('\n');
  }

  const naming = (texts: Record<string, string>) =>
    Object.keys(texts).filter((label) => texts[label]!.includes(ALICE));

  before(async () => {
    net = await startTestNetwork();
    const operator = net.token('operator');
    const registered = await net.request('POST', '/v1/participants/customers', {
      auth: operator,
      body: { customerId: ALICE },
    });
    assert.equal(registered.status, 201);
    const sale = buildTicket({
      ticketId: 't-alice-1',
      storeId: ids.own.store,
      customerId: ALICE,
      lines: [{ gtin: gtin13(FABER_PREFIX, 3), quantity: '1', unitPrice: '50.00' }],
    });
    const sold = await net.request('POST', '/v1/tickets', { auth: net.apiKey, body: sale });
    assert.equal(sold.status, 201, JSON.stringify(sold.body));
    await net.server.users.create({
      username: 'alice',
      password: PASSWORD,
      role: 'customer',
      subjectId: ALICE,
    });
    const login = await net.request('POST', '/v1/auth/login', {
      body: { username: 'alice', password: PASSWORD },
    });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    aliceToken = (login.body as { token: string }).token;
    await net.settled();
    const transfer = await net.request('POST', `/v1/customers/${ALICE}/points/transfers`, {
      auth: aliceToken,
      body: { toCustomerId: ids.own.customer, points: 10 },
    });
    assert.equal(transfer.status, 201, JSON.stringify(transfer.body));
    await net.settled();
  });
  after(async () => {
    await net?.close();
  });

  it('serves the customer before (so that the scans below can fail)', async () => {
    const points = await net.request('GET', `/v1/customers/${ALICE}/points`, { auth: aliceToken });
    assert.equal(points.status, 200);
    assert.ok((points.body as { balance: number }).balance > 0);
    const named = naming(await servedText());
    for (const label of ['store tickets', 'ticket (auditor)', 'bob points', 'bob points stream']) {
      assert.ok(named.includes(label), `${label} names the customer before: ${named.join(', ')}`);
    }
  });

  it('refuses every caller but the operator, and records nothing', async () => {
    const height = await net.server.ledger.height();
    const callers = {
      customer: aliceToken,
      store: net.token('store'),
      retailer: net.token('retailer'),
      manufacturer: net.token('manufacturer'),
      auditor: net.token('auditor'),
    };
    for (const [caller, auth] of Object.entries(callers)) {
      const res = await net.request('POST', erasure(ALICE), {
        auth,
        body: { reason: 'gdpr-art17' },
      });
      assert.equal(res.status, 403, caller);
    }
    const terminal = await net.request('POST', erasure(ALICE), {
      auth: net.apiKey,
      body: { reason: 'gdpr-art17' },
    });
    assert.equal(terminal.status, 401);
    const anonymous = await net.request('POST', erasure(ALICE), { body: { reason: 'gdpr-art17' } });
    assert.equal(anonymous.status, 401);
    await net.settled();
    assert.equal(await net.server.ledger.height(), height);
    const me = await net.request('GET', '/v1/me', { auth: aliceToken });
    assert.equal(me.status, 200);
  });

  it('names the bad field and its rule (400), and a reason or reference naming the customer (422)', async () => {
    const operator = net.token('operator');
    const height = await net.server.ledger.height();
    const errorsOf = (body: unknown) =>
      (body as { errors: Array<{ path: string; rule: string }> }).errors.map(
        (e) => `${e.path} ${e.rule}`,
      );
    for (const [body, expected] of [
      [{ reason: 'GDPR Art. 17' }, '/reason pattern'],
      [{ reason: 'x'.repeat(41) }, '/reason pattern'],
      [{}, '/reason required'],
      [{ reason: 'gdpr-art17', extra: 1 }, '/extra additionalProperties'],
      [{ reason: 'gdpr-art17', reference: 'r'.repeat(201) }, '/reference maxLength'],
    ] as const) {
      const res = await net.request('POST', erasure(ALICE), { auth: operator, body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
      assert.ok(errorsOf(res.body).includes(expected), JSON.stringify(res.body));
    }
    const bad = await net.request('POST', erasure('x'), { auth: operator, body: { reason: 'a' } });
    assert.equal(bad.status, 400, 'a path id shorter than a customer id');
    for (const [body, expected] of [
      [{ reason: ALICE }, '/reason names-customer'],
      [{ reason: 'gdpr-art17', reference: `case of ${ALICE}` }, '/reference names-customer'],
    ] as const) {
      const res = await net.request('POST', erasure(ALICE), { auth: operator, body });
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.deepEqual(errorsOf(res.body), [expected]);
    }
    await net.settled();
    assert.equal(await net.server.ledger.height(), height);
  });

  it("refuses an id that is also a store's, a manufacturer's or a retailer's (409)", async () => {
    const height = await net.server.ledger.height();
    for (const id of [ids.own.store, ids.own.manufacturer, ids.own.retailer]) {
      const res = await net.request('POST', erasure(id), {
        auth: net.token('operator'),
        body: { reason: 'gdpr-art17' },
      });
      assert.equal(res.status, 409, id);
      assert.ok(!JSON.stringify(res.body).includes(id));
    }
    await net.settled();
    assert.equal(await net.server.ledger.height(), height);
    const store = await net.request('GET', `/v1/stores/${ids.own.store}/tickets`, {
      auth: net.token('store'),
    });
    assert.ok((store.body as { tickets: unknown[] }).tickets.length > 0);
  });

  it('answers 404 for a customer it does not have', async () => {
    const res = await net.request('POST', erasure('cust-nobody'), {
      auth: net.token('operator'),
      body: { reason: 'gdpr-art17' },
    });
    assert.equal(res.status, 404);
    assert.deepEqual(
      [(res.body as { title: string }).title, (res.body as { detail: string }).detail],
      ['Not found', 'no such customer'],
    );
  });

  it('erases: the login and its tokens refused, nothing served names the customer, the ledger verifies', async () => {
    const res = await net.request('POST', erasure(ALICE), {
      auth: net.token('operator'),
      body: { reason: 'gdpr-art17', reference: 'case 7' },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const answer = res.body as {
      erasureId: string;
      txId: string;
      blockNumber: number;
      parts: number;
      logins: number;
    };
    assert.match(answer.txId, /^[0-9a-f]{64}$/);
    assert.ok(answer.parts > 0);
    assert.equal(answer.logins, 1);
    assert.ok(!JSON.stringify(res.body).includes(ALICE));
    const found = await net.server.ledger.findTransaction(answer.txId);
    assert.equal(found?.blockNumber, answer.blockNumber);

    // Her token, at once; her password, too.
    assert.equal((await net.request('GET', '/v1/me', { auth: aliceToken })).status, 401);
    for (const path of [`/v1/customers/${ALICE}/points`, `/v1/customers/${ALICE}/tickets`]) {
      assert.equal((await net.request('GET', path, { auth: aliceToken })).status, 401, path);
    }
    const login = await net.request('POST', '/v1/auth/login', {
      body: { username: 'alice', password: PASSWORD },
    });
    assert.equal(login.status, 401);
    assert.ok(!net.server.users.list().some((l) => l.subjectId === ALICE));
    // The operator's registry no longer lists her.
    const listed = await net.request('GET', '/v1/participants/customers', {
      auth: net.token('operator'),
    });
    assert.ok(!JSON.stringify(listed.body).includes(ALICE));

    await net.settled();
    assert.deepEqual(naming(await servedText()), []);
    const report = verifyLedger(net.server.ledger.store, net.server.ledger.key.publicKey);
    assert.equal(report.ok, true, JSON.stringify(report.failure));
  });

  it('keeps a new login of the freed username from reviving the old tokens, and sees nothing of hers', async () => {
    // The operator gives the username (and, here, the id) to someone new: the read model has
    // nothing of the erased customer, and her old token is still refused.
    await net.server.users.create({
      username: 'alice',
      password: PASSWORD,
      role: 'customer',
      subjectId: ALICE,
    });
    assert.equal((await net.request('GET', '/v1/me', { auth: aliceToken })).status, 401);
    const login = await net.request('POST', '/v1/auth/login', {
      body: { username: 'alice', password: PASSWORD },
    });
    const auth = (login.body as { token: string }).token;
    const points = await net.request('GET', `/v1/customers/${ALICE}/points`, { auth });
    assert.equal(points.status, 200);
    assert.equal((points.body as { balance: number }).balance, 0);
    assert.deepEqual((points.body as { movements: unknown[] }).movements, []);
    const tickets = await net.request('GET', `/v1/customers/${ALICE}/tickets`, { auth });
    assert.deepEqual((tickets.body as { tickets: unknown[] }).tickets, []);
    assert.equal(net.server.users.deleteLoginsOf('customer', ALICE).length, 1);
  });

  it('answers 404 to a second erasure: nothing is kept that names her', async () => {
    const height = await net.server.ledger.height();
    const res = await net.request('POST', erasure(ALICE), {
      auth: net.token('operator'),
      body: { reason: 'gdpr-art17' },
    });
    assert.equal(res.status, 404);
    await net.settled();
    assert.equal(await net.server.ledger.height(), height);
  });
});

/**
 * A server whose ledger engine erases nothing: the query role wired as on Fabric, where
 * `serveOn` gives the query context no eraser (here over an embedded ledger, which the route
 * then cannot reach). The operator is told 501; a non-operator still 403.
 */
describe('erasing a customer where the ledger engine cannot', () => {
  const dir = tempDir('eter-erase-501-');
  let app: FastifyInstance | undefined;
  let ledger: EmbeddedLedger | undefined;
  let readModel: ReadModel | undefined;
  let users: UserStore | undefined;
  let keys: TerminalKeyStore | undefined;
  let url = '';
  let tokens: TokenService;

  before(async () => {
    ledger = openLocalLedger(dir.path);
    const client = new ContractClient(ledger);
    await bootstrapIfNew(client);
    readModel = ReadModel.open(join(dir.path, 'read.db'));
    const projector = new Projector(ledger, readModel);
    users = new UserStore(join(dir.path, 'access.db'));
    for (const role of ['operator', 'auditor'] as const) {
      await users.create({ username: role, password: PASSWORD, role });
    }
    const config = loadConfig({
      flags: { role: 'query', port: 0, dataDir: dir.path, logLevel: 'silent' },
    });
    tokens = TokenService.open(dir.path, { ttlSeconds: config.tokenTtlSeconds });
    app = await buildServer({
      config,
      client,
      keys: (keys = new TerminalKeyStore(join(dir.path, 'access.db'))),
      users,
      tokens,
      identities: localIdentities,
      query: new QueryContext(
        projector,
        client,
        { query: localIdentities.query, operator: localIdentities.operator },
        undefined,
        LineReferences.open(dir.path),
      ),
    });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await app?.close();
    readModel?.close();
    await ledger?.close();
    users?.close();
    keys?.close();
    dir.cleanup();
  });

  const post = (username: 'operator' | 'auditor') =>
    fetch(`${url}${erasure(ALICE)}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens.issue({ username, role: username, subjectId: null }, users!.tokenGeneration(username)).token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ reason: 'gdpr-art17' }),
    });

  it('answers 501 to the operator, as a problem, and 403 to others', async () => {
    const res = await post('operator');
    assert.equal(res.status, 501);
    assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
    assert.match(((await res.json()) as { title: string }).title, /not available/);
    assert.equal((await post('auditor')).status, 403);
  });
});
