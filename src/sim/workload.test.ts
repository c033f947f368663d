import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateTicket, type Ticket } from '../format';
import { syntheticTickets } from './ticket-stream';
import { SyntheticWorkload } from './workload';

describe('SyntheticWorkload returns', () => {
  it('returns part of an earlier sale as a valid format v1 return referring to its lines', () => {
    const workload = new SyntheticWorkload({ stores: 5, customers: 50, seed: 7 });
    for (let i = 0; i < 300; i++) {
      const sale = workload.nextTicket();
      const ret = workload.returnFor(sale);
      const validation = validateTicket(ret);
      assert.ok(validation.ok, JSON.stringify(!validation.ok && validation.errors));
      assert.equal(ret.type, 'return');
      assert.equal(ret.originalTicketId, sale.ticketId);
      assert.equal(ret.originalStoreId ?? ret.storeId, sale.storeId);
      assert.equal(workload.retailerOf(ret.storeId), workload.retailerOf(sale.storeId));
      assert.equal(ret.customerId, sale.customerId);
      assert.notEqual(ret.ticketId, sale.ticketId);
      for (const line of ret.lines) {
        const original = sale.lines.find((l) => l.lineNo === line.originalLineNo);
        assert.ok(original, `line ${line.originalLineNo} is on the sale`);
        assert.equal(line.gtin, original.gtin);
        assert.ok(Number(line.quantity) <= Number(original.quantity));
        assert.ok(Number(line.amount) <= Number(original.amount));
      }
      assert.equal(new Set(ret.lines.map((l) => l.originalLineNo)).size, ret.lines.length);
    }
  });

  it('keeps the sales of a seed the same however many returns are drawn in between', () => {
    const plain = new SyntheticWorkload({ stores: 3, customers: 20, seed: 11 });
    const mixed = new SyntheticWorkload({ stores: 3, customers: 20, seed: 11 });
    const at = new Date('2026-11-24T10:00:00Z');
    for (let i = 0; i < 50; i++) {
      const sale = mixed.nextTicket(at);
      if (i % 3 === 0) mixed.returnFor(sale, at);
      assert.deepEqual(sale, plain.nextTicket(at));
    }
  });

  it('tags ticket ids with the run id', () => {
    const workload = new SyntheticWorkload({ stores: 2, customers: 10, runId: 'r7' });
    const sale = workload.nextTicket();
    assert.match(sale.ticketId, /^store-00[12]-r7-000000001$/);
    assert.match(workload.returnFor(sale).ticketId, /^store-00[12]-r7-R000000001$/);
  });
});

describe('syntheticTickets', () => {
  it('mixes in returns of earlier sales only, each sale returned once, issued in order', () => {
    const workload = new SyntheticWorkload({ stores: 4, customers: 30, seed: 3 });
    const tickets = [...syntheticTickets(workload, 500, { returnShare: 0.1, seed: 5 })];
    assert.equal(tickets.length, 500);
    const seen = new Map<string, Ticket>();
    const returned = new Set<string>();
    let returns = 0;
    for (const t of tickets) {
      if (t.type === 'return') {
        returns++;
        const key = `${t.originalStoreId ?? t.storeId}/${t.originalTicketId}`;
        assert.ok(seen.has(key), `${t.ticketId} returns an earlier sale`);
        assert.ok(!returned.has(key), `${key} returned once`);
        returned.add(key);
      }
      seen.set(`${t.storeId}/${t.ticketId}`, t);
    }
    assert.ok(returns > 20 && returns < 80, `${returns} returns of 500 at 10 %`);
    const times = tickets.map((t) => Date.parse(t.issuedAt));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
    );
    assert.ok(times.at(-1)! <= Date.now());
  });
});
