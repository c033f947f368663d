/**
 * Limits per caller and per connection, on the real server wiring over
 * HTTP on 127.0.0.1, set low so that a test reaches them: requests a
 * minute per terminal key and per login, live streams per login, and the
 * time a client has to send its request. Also: methods no route serves,
 * and the framework's own errors, keep a 4xx status.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { basket, ids, startTestNetwork, type TestNetwork } from '../support/network';
import { openSse } from '../support/sse';

const PROBLEM = 'application/problem+json; charset=utf-8';

describe('limits per caller', () => {
  let net: TestNetwork;
  let serial = 0;
  const ticket = () => basket(`t-limit-${++serial}`, ids.own.store);

  before(async () => {
    net = await startTestNetwork({
      terminalRequestsPerMinute: 5,
      personRequestsPerMinute: 5,
      streamsPerLogin: 2,
      requestTimeoutSeconds: 2,
      headersTimeoutSeconds: 1,
    });
  });
  after(async () => {
    await net?.close();
  });

  it('answers a terminal key over its rate 429 with Retry-After, and not another key', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 6; i++) {
      last = await net.request('POST', '/v1/tickets', { auth: net.apiKey, body: ticket() });
      statuses.push(last.status);
    }
    assert.deepEqual(statuses, [201, 201, 201, 201, 201, 429]);
    assert.equal(last!.headers.get('content-type'), PROBLEM);
    assert.equal(last!.headers.get('x-content-type-options'), 'nosniff');
    const body = last!.body as { type: string; detail: string };
    assert.equal(body.type, 'https://eter.dev/problems/rate-limited');
    assert.match(body.detail, /more than 5 requests a minute for this terminal key/);
    const retryAfter = Number(last!.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);

    const other = net.server.keys.create(ids.own.store, 'pos-02').apiKey;
    const fresh = await net.request('POST', '/v1/tickets', { auth: other, body: ticket() });
    assert.equal(fresh.status, 201, JSON.stringify(fresh.body));
  });

  it('counts a login’s requests over all its tokens, and no other login’s', async () => {
    const statuses: number[] = [];
    // A fresh token each time, as logging in again would give.
    for (let i = 0; i < 6; i++) {
      statuses.push((await net.request('GET', '/v1/me', { auth: net.token('auditor') })).status);
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429]);
    const other = await net.request('GET', '/v1/me', { auth: net.token('operator') });
    assert.equal(other.status, 200);
  });

  it('caps the live streams a login holds open, and frees a place when one closes', async () => {
    const url = `${net.url}/v1/stream/sales`;
    const as = (role: 'store' | 'manufacturer') => ({
      authorization: `Bearer ${net.token(role)}`,
    });
    const first = await openSse(url, as('store'));
    const second = await openSse(url, as('store'));
    const abort = new AbortController();
    try {
      assert.deepEqual([first.status, second.status], [200, 200]);
      const third = await fetch(url, { headers: as('store'), signal: abort.signal });
      assert.equal(third.status, 429);
      assert.equal(third.headers.get('content-type'), PROBLEM);
      assert.match(((await third.json()) as { detail: string }).detail, /at most 2/);
      assert.ok(Number(third.headers.get('retry-after')) >= 1);
      const other = await openSse(url, as('manufacturer'));
      other.close();
      assert.equal(other.status, 200);
    } finally {
      // Whatever failed, no stream is left open to hold the server's close.
      abort.abort();
      first.close();
    }
    // The server hears of the close when the socket goes: try until it has.
    let again = 0;
    try {
      for (let tries = 0; tries < 50 && again !== 200; tries++) {
        const stream = await openSse(url, as('store'));
        again = stream.status;
        stream.close();
        if (again !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      second.close();
    }
    assert.equal(again, 200);
  });

  it('closes a connection whose body does not arrive in time, with 408', async () => {
    const answer = await rawExchange(
      net.url,
      'POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"username":',
    );
    assert.match(answer, /^HTTP\/1\.1 408 /);
    assert.match(answer, /content-type: application\/problem\+json/i);
  });

  it('closes a connection whose headers do not arrive in time, with 408', async () => {
    const answer = await rawExchange(net.url, 'GET /healthz HTTP/1.1\r\nHost: x\r\n');
    assert.match(answer, /^HTTP\/1\.1 408 /);
  });

  it('answers 405 with Allow to a method a served path does not take, such as QUERY; 404 elsewhere', async () => {
    const wrong: string[] = [];
    const paths = [...net.server.app.routeCatalog.map((r) => r.url), '/nowhere'];
    for (const route of paths) {
      const path = route.replace(/::/g, '\0').replace(/:\w+/g, 'x').replace(/\0/g, ':');
      const served = net.server.app.routeCatalog
        .filter((r) => r.url === route)
        .map((r) => r.method);
      const kinds: Array<Record<string, string>> = [{}, { 'content-type': 'application/json' }];
      for (const headers of kinds) {
        const r = await net.request('QUERY', path, { headers });
        const allow = r.headers.get('allow') ?? '';
        const ok =
          r.headers.get('content-type') === PROBLEM &&
          // Answered by a hook before routing, yet with the security headers of every answer.
          r.headers.get('x-content-type-options') === 'nosniff' &&
          (served.length === 0
            ? r.status === 404
            : r.status === 405 && served.every((m) => allow.split(', ').includes(m)));
        if (!ok) wrong.push(`QUERY ${path} ${JSON.stringify(headers)}: ${r.status} allow ${allow}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('keeps the status of the framework’s own errors, as problems', async () => {
    // A body cut short of its Content-Length: Node's parser refuses it before Fastify sees it.
    const short = await rawExchange(
      net.url,
      'POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 40\r\nConnection: close\r\n\r\n{}',
      { end: true },
    );
    assert.match(short, /^HTTP\/1\.1 400 /);
    assert.match(short, /content-type: application\/problem\+json/i);
    // Fastify's own check that the body is as long as announced: its 400 used to become a 500.
    const mismatch = await net.server.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      headers: { 'content-type': 'application/json', 'content-length': '3' },
      payload: '{"username":"x"}',
    });
    assert.equal(mismatch.statusCode, 400, mismatch.body);
    assert.equal(mismatch.headers['content-type'], PROBLEM);
    const badUrl = await net.request('GET', '/v1/stores/%E0%A4%A/tickets');
    assert.equal(badUrl.status, 400);
    assert.equal(badUrl.headers.get('content-type'), PROBLEM);
    // A path parameter past the router's limit breaks its schema: 400 naming
    // the rule (the fuzzer counts a 414 as accepting a schema-violating request).
    const long = await net.request('GET', `/v1/customers/${'x'.repeat(101)}/points`);
    assert.equal(long.status, 400);
    assert.equal(
      (long.body as { errors: { rule: string }[] }).errors[0]?.rule,
      'maxLength',
      JSON.stringify(long.body),
    );
  });
});

/**
 * Sends `text` on a fresh connection (ending the sending side if `end`)
 * and resolves with what the server wrote by the time it closed; rejects
 * if it keeps the connection open for 10 s.
 */
function rawExchange(url: string, text: string, options: { end?: boolean } = {}): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection open; it wrote: ${received}`));
    }, 10_000);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.write(text);
    if (options.end === true) socket.end();
  });
}
