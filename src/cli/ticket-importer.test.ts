import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CollectorHttp } from '../sim/collector-http';
import { ScriptedCollector, type ScriptedRequest } from '../sim/testing/scripted-collector';
import { TicketImporter } from './ticket-importer';

interface Sketch {
  ticketId: string;
  storeId?: string;
  type?: string;
}

/** Answers a batch as the collector would, ticket by ticket, from the ticket ids. */
function batchAnswer(busyOnce: Set<string>) {
  return (request: ScriptedRequest) => {
    if (request.authorization === 'Bearer key-revoked')
      return { status: 401, body: { title: 'A valid terminal API key is required', status: 401 } };
    const tickets = (request.body as { tickets: Sketch[] }).tickets;
    return {
      status: 200,
      body: {
        results: tickets.map((t) => {
          if (t.ticketId.startsWith('bad'))
            return {
              status: 422,
              problem: {
                title: 'The ticket is invalid',
                errors: [{ path: '/total', rule: 'total', message: 'must be 1.00' }],
              },
            };
          if (busyOnce.delete(t.ticketId)) return { status: 503, problem: { title: 'Busy' } };
          return { status: t.ticketId.startsWith('again') ? 200 : 201, receipt: {} };
        }),
      },
    };
  };
}

describe('TicketImporter', () => {
  const server = new ScriptedCollector();
  let url = '';
  before(async () => {
    url = await server.start();
  });
  after(() => server.stop());

  it('batches by store key, sends returns last, resends 503s, and keeps refusals in file order', async () => {
    server.requests.length = 0;
    const busy = new Set(['a-busy']);
    server.answers = Array.from({ length: 10 }, () => batchAnswer(busy));
    let progressed = 0;
    const importer = new TicketImporter({
      http: new CollectorHttp(url),
      keyFor: (t) => {
        const storeId = (t as Sketch).storeId;
        return storeId === undefined ? undefined : `key-${storeId}`;
      },
      batchSize: 2,
      concurrency: 2,
      retryDelayMs: 0,
      onProgress: (n) => (progressed += n),
    });
    const tickets: Sketch[] = [
      { ticketId: 'a-return', storeId: 'a', type: 'return' },
      { ticketId: 'a-1', storeId: 'a' },
      { ticketId: 'b-1', storeId: 'b' },
      { ticketId: 'bad-b', storeId: 'b' },
      { ticketId: 'a-busy', storeId: 'a' },
      { ticketId: 'again-a', storeId: 'a' },
      { ticketId: 'nowhere' },
      { ticketId: 'bad-a', storeId: 'a' },
    ];
    for (const [index, ticket] of tickets.entries())
      await importer.add(ticket, { file: index < 4 ? 'f1.json' : 'f2.json', index: index % 4 });
    const result = await importer.finish();

    assert.equal(result.tickets, 8);
    assert.equal(result.recorded, 4); // a-1, b-1, a-busy (resent), a-return
    assert.equal(result.replayed, 1);
    assert.equal(result.refused, 3);
    assert.equal(result.retries, 1);
    assert.equal(progressed, 8);
    assert.deepEqual(result.refusedByStatus, { '422': 2, 'no answer': 1 });
    assert.deepEqual(
      result.refusals.map((r) => [r.file, r.index, r.status]),
      [
        ['f1.json', 3, 422],
        ['f2.json', 2, null],
        ['f2.json', 3, 422],
      ],
    );
    assert.deepEqual(result.refusals[0]!.errors, [
      { path: '/total', rule: 'total', message: 'must be 1.00' },
    ]);
    for (const request of server.requests) {
      const { tickets: sent } = request.body as { tickets: Sketch[] };
      assert.ok(sent.length <= 2);
      assert.ok(sent.every((t) => request.authorization === `Bearer key-${t.storeId}`));
    }
    const order = server.requests.flatMap((r) =>
      (r.body as { tickets: Sketch[] }).tickets.map((t) => t.ticketId),
    );
    assert.equal(order.at(-1), 'a-return', 'the return goes last');
    assert.equal(order.filter((id) => id === 'a-busy').length, 2, 'the 503 was resent');
  });

  it('refuses every ticket of a batch the collector refuses as a whole', async () => {
    server.answers = [batchAnswer(new Set())];
    const importer = new TicketImporter({
      http: new CollectorHttp(url),
      keyFor: () => 'key-revoked',
      batchSize: 10,
      concurrency: 1,
    });
    await importer.add({ ticketId: 't1' }, { file: 'x.json', index: 0 });
    await importer.add({ ticketId: 't2' }, { file: 'x.json', index: 1 });
    const result = await importer.finish();
    assert.equal(result.refused, 2);
    assert.deepEqual(result.refusedByStatus, { '401': 2 });
    assert.equal(result.refusals[1]!.title, 'A valid terminal API key is required');
  });
});
