import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CollectorHttp } from './collector-http';
import { ScriptedCollector } from './testing/scripted-collector';

describe('CollectorHttp', () => {
  const server = new ScriptedCollector();
  let url = '';
  before(async () => {
    url = await server.start();
  });
  after(() => server.stop());

  it('posts a ticket with the bearer key and answers with the parsed body', async () => {
    server.answers = [{ status: 201, body: { ticketId: 'T-1', replayed: false } }];
    const answer = await new CollectorHttp(url).postTicket('eter_key', { ticketId: 'T-1' });
    assert.deepEqual(answer, {
      kind: 'answer',
      status: 201,
      body: { ticketId: 'T-1', replayed: false },
      text: '{"ticketId":"T-1","replayed":false}',
      retries: 0,
    });
    const request = server.requests.at(-1)!;
    assert.equal(request.url, '/v1/tickets');
    assert.equal(request.authorization, 'Bearer eter_key');
  });

  it('retries a 503 or a 429 after its Retry-After, resending the same ticket', async () => {
    const before = server.requests.length;
    server.answers = [
      { status: 503, headers: { 'retry-after': '0' }, body: { title: 'Busy' } },
      { status: 429, headers: { 'retry-after': '0' }, body: { title: 'Too many requests' } },
      { status: 200, body: { replayed: true } },
    ];
    const waits: number[] = [];
    const http = new CollectorHttp(url, { onRetry: (ms) => waits.push(ms) });
    const answer = await http.postBatch('k', [{ ticketId: 'T-2' }]);
    assert.equal(answer.kind === 'answer' && answer.status, 200);
    assert.equal(answer.retries, 2);
    assert.deepEqual(waits, [0, 0]);
    const sent = server.requests.slice(before);
    assert.equal(sent.length, 3);
    for (const r of sent) {
      assert.equal(r.url, '/v1/tickets:batch');
      assert.deepEqual(r.body, { tickets: [{ ticketId: 'T-2' }] });
    }
  });

  it('gives up after maxRetries, answering with the last 503', async () => {
    server.answers = [
      { status: 503, headers: { 'retry-after': '0' }, body: { title: 'Busy' } },
      { status: 503, headers: { 'retry-after': '0' }, body: { title: 'Still busy' } },
    ];
    const answer = await new CollectorHttp(url, { maxRetries: 1 }).postTicket('k', {});
    assert.equal(answer.kind === 'answer' && answer.status, 503);
    assert.equal(answer.kind === 'answer' && answer.text, '{"title":"Still busy"}');
  });

  it('ends a retry wait when its signal aborts', async () => {
    server.answers = [{ status: 503, headers: { 'retry-after': '30' }, body: { title: 'Busy' } }];
    const controller = new AbortController();
    const http = new CollectorHttp(url, {
      signal: controller.signal,
      onRetry: () => controller.abort(),
    });
    const answer = await http.postTicket('k', {});
    assert.equal(answer.kind === 'answer' && answer.status, 503);
  });

  it('reports a refused connection as a network error, not an exception', async () => {
    const closed = new ScriptedCollector();
    const deadUrl = await closed.start();
    await closed.stop();
    const answer = await new CollectorHttp(deadUrl).postTicket('k', {});
    assert.deepEqual(answer, { kind: 'network-error', message: 'ECONNREFUSED', retries: 0 });
  });
});
