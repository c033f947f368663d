/**
 * Bounded cost for any collector request: the adversarial bodies of issue
 * 18, at the largest size each limit allows, over real HTTP. What is
 * asserted is the shape of each answer (status, error count, `truncated`,
 * body size), never a time: before the limits, the first of these took
 * 232 s of CPU and answered 70 MB, so a generous per-test timeout catches
 * a regression as surely as any clock would.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ABUSE_SHAPES, batchOf } from '../../src/bench/abuse-shapes';
import { localIdentities } from '../../src/node/local-node';
import { buildTicket, gtin13 } from '../../src/sim/ticket-factory';
import { startCollector, postBody, type CollectorNode } from '../support/collector-node';

const TICKET_LIMIT = 256 * 1024;
const BATCH_LIMIT = 3 * 1024 * 1024;
const SLOW = { timeout: 60_000 };

interface FieldError {
  path: string;
  rule: string;
}
interface ProblemBody {
  type: string;
  errors?: FieldError[];
  truncated?: boolean;
}
interface BatchBody {
  results: Array<{ status: number; problem?: ProblemBody; receipt?: { ticketId: string } }>;
}

let sequence = 0;
function validTicket() {
  return buildTicket({
    ticketId: `ABUSE-${++sequence}`,
    storeId: 'store-001',
    lines: [{ gtin: gtin13('400638', 1), quantity: '1', unitPrice: '2.50' }],
  });
}

describe('collector: bounded cost for any request', () => {
  let node: CollectorNode;
  before(async () => {
    node = await startCollector();
  });
  after(() => node.close());

  it('answers a 255 KB ticket of 85,000 empty lines with one maxItems error', SLOW, async () => {
    const body = `{"lines":[${Array.from({ length: 85_000 }, () => '{}').join(',')}]}`;
    assert.ok(body.length > 250_000 && body.length < TICKET_LIMIT);
    const r = await postBody(node, '/v1/tickets', body);
    assert.equal(r.status, 422);
    assert.match(r.headers.get('content-type') ?? '', /problem\+json/);
    const problem = JSON.parse(r.text) as ProblemBody;
    assert.deepEqual(
      problem.errors?.map((e) => [e.path, e.rule]),
      [['/lines', 'maxItems']],
    );
    assert.ok(r.text.length < 1000, `${r.text.length} bytes`);
  });

  it('lists 100 errors of a ticket at most, then says truncated', SLOW, async () => {
    const body = `{"lines":[${Array.from({ length: 500 }, () => '{}').join(',')}]}`;
    const r = await postBody(node, '/v1/tickets', body);
    assert.equal(r.status, 422);
    const problem = JSON.parse(r.text) as ProblemBody;
    assert.equal(problem.errors?.length, 100);
    assert.equal(problem.truncated, true);
  });

  it('refuses a 6 MB batch with 413 before reading it', SLOW, async () => {
    const body = batchOf(ABUSE_SHAPES[0]!, 6 * 1024 * 1024);
    const r = await postBody(node, '/v1/tickets:batch', body);
    assert.equal(r.status, 413);
  });

  for (const shape of ABUSE_SHAPES.filter((s) => s.refusedWhole !== true)) {
    it(`answers a ticket of ${shape.name} at the body limit with a short list`, SLOW, async () => {
      const r = await postBody(node, '/v1/tickets', shape.ticket(TICKET_LIMIT - 64));
      assert.equal(r.status, 422, r.text.slice(0, 500));
      const problem = JSON.parse(r.text) as ProblemBody;
      assert.ok((problem.errors?.length ?? 0) >= 1);
      assert.ok((problem.errors?.length ?? 0) <= 100);
      assert.ok(r.text.length < 64 * 1024, `${r.text.length} bytes`);
    });

    it(
      `answers a 3 MiB batch of ${shape.name} ticket by ticket, 1,000 errors in all at most`,
      SLOW,
      async () => {
        const r = await postBody(node, '/v1/tickets:batch', batchOf(shape, BATCH_LIMIT - 64));
        assert.equal(r.status, 200, r.text.slice(0, 500));
        const { results } = JSON.parse(r.text) as BatchBody;
        assert.equal(results.length, 1000);
        let errors = 0;
        for (const result of results) {
          assert.equal(result.status, 422);
          const listed = result.problem?.errors?.length ?? 0;
          assert.ok(listed >= 1 && listed <= 100, `${listed} errors`);
          errors += listed;
        }
        // Each ticket names at least one error, so the budget may be passed by one a ticket.
        assert.ok(errors <= 2000, `${errors} errors`);
        assert.ok(r.text.length < 1024 * 1024, `${r.text.length} bytes`);
      },
    );
  }

  it(
    'refuses a nesting bomb, one ticket or a batch, with 400 before parsing it',
    SLOW,
    async () => {
      const bomb = ABUSE_SHAPES.find((s) => s.name === 'nesting bomb')!;
      for (const [path, body] of [
        ['/v1/tickets', bomb.ticket(TICKET_LIMIT - 64)],
        ['/v1/tickets:batch', batchOf(bomb, BATCH_LIMIT - 64)],
      ] as const) {
        const r = await postBody(node, path, body);
        assert.equal(r.status, 400, r.text.slice(0, 500));
        const problem = JSON.parse(r.text) as ProblemBody;
        assert.deepEqual(
          problem.errors?.map((e) => [e.path, e.rule]),
          [['', 'maxDepth']],
        );
      }
    },
  );

  it('still records the valid tickets of a batch full of adversarial ones', SLOW, async () => {
    const good = [validTicket(), validTicket()];
    const bad = ABUSE_SHAPES.filter((s) => s.refusedWhole !== true).map((s) => s.ticket(16 * 1024));
    const body = `{"tickets":[${JSON.stringify(good[0])},${bad.join(',')},${JSON.stringify(good[1])}]}`;
    const r = await postBody(node, '/v1/tickets:batch', body);
    assert.equal(r.status, 200);
    const { results } = JSON.parse(r.text) as BatchBody;
    assert.deepEqual(
      results.map((x) => x.status),
      [201, ...bad.map(() => 422), 201],
    );
    for (const t of good) {
      const recorded = await node.client.getTicket(localIdentities.auditor, {
        storeId: t.storeId,
        ticketId: t.ticketId,
      });
      assert.equal(recorded.ticket.ticketId, t.ticketId);
    }
  });

  it('treats a __proto__ property as an unknown field, in a small body and a large one', async () => {
    for (const padding of [0, 32 * 1024]) {
      const ticket = { ...validTicket(), terminalId: 'pos-01' };
      const body = `{"__proto__":{"polluted":true},${JSON.stringify(ticket).slice(1)}${' '.repeat(padding)}`;
      const r = await postBody(node, '/v1/tickets', body);
      assert.equal(r.status, 422, r.text);
      const problem = JSON.parse(r.text) as ProblemBody;
      assert.deepEqual(
        problem.errors?.map((e) => [e.path, e.rule]),
        [['/__proto__', 'additionalProperties']],
      );
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('refuses a large body that is not JSON, or not a batch, with 400', async () => {
    const notJson = await postBody(node, '/v1/tickets', `{"lines": [${'{},'.repeat(10_000)}`);
    assert.equal(notJson.status, 400);
    assert.equal((JSON.parse(notJson.text) as ProblemBody).errors?.[0]?.rule, 'json');
    const tooMany = `{"tickets":[${Array.from({ length: 1001 }, () => '{}').join(',')}]}`;
    const batch = await postBody(node, '/v1/tickets:batch', tooMany);
    assert.equal(batch.status, 400);
    assert.deepEqual((JSON.parse(batch.text) as ProblemBody).errors?.[0], {
      path: '/tickets',
      rule: 'maxItems',
      message: 'must NOT have more than 1000 items',
    });
  });
});

describe('collector: bodies waiting to be checked are bounded', () => {
  it(
    'answers 503 with Retry-After once every checking thread is busy and the line is full',
    SLOW,
    async () => {
      const node = await startCollector({ checkThreads: 1, checkQueue: 0 });
      try {
        const body = batchOf(
          ABUSE_SHAPES.find((s) => s.name === 'empty lines')!,
          BATCH_LIMIT - 64,
        );
        const answers = await Promise.all(
          Array.from({ length: 4 }, () => postBody(node, '/v1/tickets:batch', body)),
        );
        const statuses = answers.map((a) => a.status).sort();
        assert.ok(statuses.includes(200), statuses.join());
        assert.ok(statuses.includes(503), statuses.join());
        for (const a of answers.filter((x) => x.status === 503)) {
          assert.equal(a.headers.get('retry-after'), '1');
          assert.equal(
            (JSON.parse(a.text) as ProblemBody).type,
            'https://eter.dev/problems/overloaded',
          );
        }
      } finally {
        await node.close();
      }
    },
  );
});
