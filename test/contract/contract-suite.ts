/**
 * The contract suite: Eter's business rules, exercised only through the
 * ledger gateway interface, so that the same file runs on every engine
 * (embedded here; Fabric in its own suite runner).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ContractClient } from '../../src/client/contract-client';
import type { TicketRecordedEvent } from '../../src/contract';
import { CommitError, type ContractEvent } from '../../src/ledger/gateway';
import { buildTicket, gtin13 } from '../../src/sim/ticket-factory';
import { rejects } from '../support/contract-rejects';
import { returnsSuite } from './returns-suite';
import type { EngineUnderTest, OpenedEngine } from '../support/engines';
import { ids, OPERATOR_MSP, OTHER_RETAILER_MSP, RETAILER_MSP } from '../support/identities';

const FABER = '400638';
const FABER_LONGER = '4006381';
const ACME = '871234';

export function contractSuite(engine: EngineUnderTest): void {
  describe(`contract on ${engine.name}`, () => {
    let opened: OpenedEngine;
    let eter: ContractClient;
    let seq = 0;
    const nextId = () => `T-${String(++seq).padStart(6, '0')}`;
    const sale = (over: Partial<Parameters<typeof buildTicket>[0]> = {}) =>
      buildTicket({
        ticketId: nextId(),
        storeId: 'store-001',
        customerId: 'cust-0001',
        lines: [
          { gtin: gtin13(FABER, 1), quantity: '2', unitPrice: '1.99' },
          { gtin: gtin13(ACME, 7), quantity: '1', unitPrice: '10.00' },
        ],
        ...over,
      });

    before(async () => {
      opened = await engine.open();
      eter = new ContractClient(opened.gateway);
    });
    after(async () => {
      await opened.close();
    });

    describe('bootstrap and participants', () => {
      it('refuses everything operator-only before bootstrap', async () => {
        await rejects(
          eter.registerStore(ids.operator, {
            storeId: 'store-001',
            name: 'A',
            mspId: RETAILER_MSP,
          }),
          'FAILED_PRECONDITION',
        );
      });

      it('refuses a bootstrap by an identity outside the operator MSP it names', async () => {
        await rejects(
          eter.bootstrap(ids.rogueOperator, { operatorMspId: OPERATOR_MSP }),
          'FORBIDDEN',
        );
      });

      it('refuses a bootstrap by a caller without the operator role', async () => {
        await rejects(eter.bootstrap(ids.query, { operatorMspId: OPERATOR_MSP }), 'FORBIDDEN');
      });

      it('bootstraps once', async () => {
        const tx = await eter.bootstrap(ids.operator, { operatorMspId: OPERATOR_MSP });
        assert.equal(tx.value.operatorMspId, OPERATOR_MSP);
        await rejects(eter.bootstrap(ids.operator, { operatorMspId: OPERATOR_MSP }), 'CONFLICT');
      });

      it('registers stores with the default rate of 100 bp, once', async () => {
        const store = await eter.registerStore(ids.operator, {
          storeId: 'store-001',
          name: 'Main Street',
          mspId: RETAILER_MSP,
        });
        assert.equal(store.value.pointsRateBp, 100);
        assert.equal(store.value.status, 'active');
        await eter.registerStore(ids.operator, {
          storeId: 'store-002',
          name: 'Harbour',
          mspId: RETAILER_MSP,
          pointsRateBp: 250,
        });
        await eter.registerStore(ids.operator, {
          storeId: 'store-900',
          name: 'Other chain',
          mspId: OTHER_RETAILER_MSP,
        });
        await rejects(
          eter.registerStore(ids.operator, {
            storeId: 'store-001',
            name: 'Again',
            mspId: RETAILER_MSP,
          }),
          'CONFLICT',
        );
      });

      it('lets only the operator MSP register participants', async () => {
        const request = { storeId: 'store-777', name: 'X', mspId: RETAILER_MSP };
        await rejects(eter.registerStore(ids.rogueOperator, request), 'FORBIDDEN');
        await rejects(eter.registerStore(ids.collector, request), 'FORBIDDEN');
        await rejects(eter.registerStore(ids.noRole, request), 'FORBIDDEN');
      });

      const badRequests: Array<[string, unknown, string, string]> = [
        ['missing name', { storeId: 's-1', mspId: 'M' }, '/name', 'required'],
        [
          'unknown field',
          { storeId: 's-1', name: 'n', mspId: 'M', x: 1 },
          '/x',
          'additionalProperties',
        ],
        [
          'rate above 100 %',
          { storeId: 's-1', name: 'n', mspId: 'M', pointsRateBp: 10001 },
          '/pointsRateBp',
          'maximum',
        ],
        [
          'fractional rate',
          { storeId: 's-1', name: 'n', mspId: 'M', pointsRateBp: 1.5 },
          '/pointsRateBp',
          'type',
        ],
        ['bad store id', { storeId: 's 1', name: 'n', mspId: 'M' }, '/storeId', 'pattern'],
      ];
      for (const [name, request, path, rule] of badRequests) {
        it(`refuses a store request with ${name}`, async () => {
          await rejects(
            eter.registerStore(ids.operator, request as never),
            'INVALID_ARGUMENT',
            path,
            rule,
          );
        });
      }

      it('refuses a request that is not JSON', async () => {
        await rejects(
          eter.registerStore(ids.operator, '{"storeId":' as never),
          'INVALID_ARGUMENT',
          '',
          'json',
        );
      });

      it('registers manufacturers with their GS1 prefixes and refuses overlaps', async () => {
        await eter.registerManufacturer(ids.operator, {
          manufacturerId: 'mfr-faber',
          name: 'Faber',
          prefixes: [FABER],
        });
        await eter.registerManufacturer(ids.operator, {
          manufacturerId: 'mfr-acme',
          name: 'Acme',
          prefixes: [ACME],
        });
        // A longer prefix inside Faber's, and a shorter one containing it: both overlap.
        await rejects(
          eter.registerManufacturer(ids.operator, {
            manufacturerId: 'mfr-x',
            name: 'X',
            prefixes: [FABER_LONGER],
          }),
          'CONFLICT',
          '/prefixes/0',
          'prefix-claimed',
        );
        await rejects(
          eter.registerManufacturer(ids.operator, {
            manufacturerId: 'mfr-y',
            name: 'Y',
            prefixes: ['7000', '40063'],
          }),
          'CONFLICT',
          '/prefixes/1',
        );
      });

      it('refuses restricted and self-overlapping prefixes', async () => {
        await rejects(
          eter.registerManufacturer(ids.operator, {
            manufacturerId: 'mfr-z',
            name: 'Z',
            prefixes: ['2012345'],
          }),
          'INVALID_ARGUMENT',
          '/prefixes/0',
          'restricted-prefix',
        );
        await rejects(
          eter.registerManufacturer(ids.operator, {
            manufacturerId: 'mfr-z',
            name: 'Z',
            prefixes: ['5000', '50001'],
          }),
          'INVALID_ARGUMENT',
          '/prefixes/1',
          'overlapping-prefix',
        );
      });

      it('registers customers under pseudonymous ids only', async () => {
        await eter.registerCustomer(ids.operator, { customerId: 'cust-0001' });
        await eter.registerCustomer(ids.query, { customerId: 'cust-0002' });
        await rejects(
          eter.registerCustomer(ids.operator, { customerId: 'jane.doe@example.com' }),
          'INVALID_ARGUMENT',
          '/customerId',
        );
      });

      it('shows a store only its own participant record', async () => {
        const own = await eter.getParticipant(ids.store001, { kind: 'store', id: 'store-001' });
        assert.equal((own as { name?: string }).name, 'Main Street');
        await rejects(
          eter.getParticipant(ids.store001, { kind: 'store', id: 'store-002' }),
          'NOT_FOUND',
        );
      });
    });

    describe('recording tickets', () => {
      it('records a sale, attributes lines and awards floor(total × rate / 10000) points', async () => {
        const ticket = sale();
        const tx = await eter.recordTicket(ids.collector, ticket);
        assert.equal(tx.value.replayed, false);
        assert.equal(tx.value.txId, tx.transactionId);
        assert.match(tx.value.contentHash, /^[0-9a-f]{64}$/);
        // 13.98 EUR = 1398 minor units × 100 bp / 10000 = 13.98 → 13 points.
        assert.equal(tx.value.pointsAwarded, 13);
        const stored = await eter.getTicket(ids.auditor, {
          storeId: 'store-001',
          ticketId: ticket.ticketId,
        });
        assert.deepEqual(stored.ticket, ticket);
        assert.deepEqual(stored.attribution, ['mfr-faber', 'mfr-acme']);
      });

      it('uses the store rate', async () => {
        const tx = await eter.recordTicket(
          ids.collector,
          buildTicket({
            ticketId: nextId(),
            storeId: 'store-002',
            customerId: 'cust-0002',
            lines: [{ gtin: gtin13(ACME, 1), quantity: '1', unitPrice: '7.99' }],
          }),
        );
        // 799 × 250 / 10000 = 19.975 → 19.
        assert.equal(tx.value.pointsAwarded, 19);
      });

      it('attributes by the longest prefix and leaves restricted and unknown GTINs unattributed', async () => {
        const ticket = buildTicket({
          ticketId: nextId(),
          storeId: 'store-001',
          lines: [
            { gtin: gtin13(FABER, 42), quantity: '1', unitPrice: '1.00' },
            { gtin: gtin13('2000001', 5), quantity: '0.535', unitPrice: '2.49' },
            { gtin: gtin13('9990000', 5), quantity: '1', unitPrice: '1.00' },
            { gtin: '96385074', quantity: '1', unitPrice: '1.00' },
          ],
        });
        await eter.recordTicket(ids.collector, ticket);
        const stored = await eter.getTicket(ids.query, {
          storeId: 'store-001',
          ticketId: ticket.ticketId,
        });
        assert.deepEqual(stored.attribution, ['mfr-faber', null, null, null]);
        assert.equal(stored.pointsAwarded, 0, 'no customer, no points');
      });

      it('attributes to prefixes of several lengths in one bucket, and to a prefix claimed since', async () => {
        // '40064' and '4006390' share Faber's first four digits (one state
        // bucket) with lengths 5, 6 and 7; the second is claimed between
        // two tickets, so an engine that keeps parsed buckets must see it.
        await eter.registerManufacturer(ids.operator, {
          manufacturerId: 'mfr-short',
          name: 'Short Prefix',
          prefixes: ['40064'],
        });
        const lines = [
          { gtin: gtin13(FABER, 7), quantity: '1', unitPrice: '1.00' },
          { gtin: gtin13('40064', 7), quantity: '1', unitPrice: '1.00' },
          { gtin: gtin13('4006390', 7), quantity: '1', unitPrice: '1.00' },
        ];
        const attributionOf = async (ticketId: string) => {
          await eter.recordTicket(
            ids.collector,
            buildTicket({ ticketId, storeId: 'store-001', lines }),
          );
          const stored = await eter.getTicket(ids.query, { storeId: 'store-001', ticketId });
          return stored.attribution;
        };
        assert.deepEqual(await attributionOf(nextId()), ['mfr-faber', 'mfr-short', null]);
        await eter.registerManufacturer(ids.operator, {
          manufacturerId: 'mfr-long',
          name: 'Long Prefix',
          prefixes: ['4006390'],
        });
        assert.deepEqual(await attributionOf(nextId()), ['mfr-faber', 'mfr-short', 'mfr-long']);
      });

      it('returns the original result for the same ticket again, and records nothing new', async () => {
        const ticket = sale();
        const first = await eter.recordTicket(ids.collector, ticket);
        const again = await eter.recordTicket(ids.collector, { ...ticket });
        assert.equal(again.value.replayed, true);
        assert.equal(again.value.txId, first.transactionId);
        assert.equal(again.value.contentHash, first.value.contentHash);
        assert.equal(again.value.pointsAwarded, first.value.pointsAwarded);
        const balance = await eter.getBalance(ids.query, 'cust-0001');
        const movements = await eter.listMovements(ids.query, {
          customerId: 'cust-0001',
          limit: 1000,
        });
        assert.equal(
          movements.movements.filter((m) => m.ticketId === ticket.ticketId).length,
          1,
          'points awarded once',
        );
        assert.equal(
          balance.balance,
          movements.movements.reduce((sum, m) => sum + m.delta, 0),
        );
      });

      it('refuses other content under an existing ticket id with CONFLICT', async () => {
        const ticket = sale();
        await eter.recordTicket(ids.collector, ticket);
        const changed = buildTicket({
          ticketId: ticket.ticketId,
          storeId: 'store-001',
          lines: [{ gtin: gtin13(FABER, 1), quantity: '3', unitPrice: '1.99' }],
        });
        await rejects(
          eter.recordTicket(ids.collector, changed),
          'CONFLICT',
          '/ticketId',
          'ticket-conflict',
        );
      });

      it('refuses an invalid ticket naming the field and rule, and records nothing', async () => {
        const height = await opened.gateway.height();
        const ticket = sale();
        const bad = { ...ticket, total: '99.99' };
        await rejects(eter.recordTicket(ids.collector, bad), 'INVALID_ARGUMENT', '/total', 'total');
        await rejects(eter.recordTicket(ids.collector, 'not json'), 'INVALID_ARGUMENT', '', 'json');
        await rejects(
          eter.recordTicket(ids.collector, { ...ticket, loyaltyCard: 'x' }),
          'INVALID_ARGUMENT',
          '/loyaltyCard',
          'additionalProperties',
        );
        await rejects(
          eter.getTicket(ids.auditor, { storeId: 'store-001', ticketId: ticket.ticketId }),
          'NOT_FOUND',
        );
        assert.equal(await opened.gateway.height(), height, 'no block was cut for refused tickets');
      });

      it('refuses tickets of unknown stores, foreign organisations and other stores', async () => {
        await rejects(
          eter.recordTicket(ids.collector, sale({ storeId: 'store-404' })),
          'NOT_FOUND',
          '/storeId',
        );
        await rejects(eter.recordTicket(ids.otherCollector, sale()), 'FORBIDDEN');
        await rejects(eter.recordTicket(ids.store001, sale({ storeId: 'store-002' })), 'FORBIDDEN');
        await rejects(eter.recordTicket(ids.auditor, sale()), 'FORBIDDEN');
        const own = await eter.recordTicket(ids.store001, sale());
        assert.equal(own.value.replayed, false);
      });

      it('refuses tickets of a suspended store until it is reinstated', async () => {
        await eter.setParticipantStatus(ids.operator, {
          kind: 'store',
          id: 'store-002',
          status: 'suspended',
        });
        const ticket = sale({ storeId: 'store-002' });
        await rejects(eter.recordTicket(ids.collector, ticket), 'FAILED_PRECONDITION');
        await eter.setParticipantStatus(ids.operator, {
          kind: 'store',
          id: 'store-002',
          status: 'active',
        });
        await eter.recordTicket(ids.collector, ticket);
      });

      it('awards nothing to unregistered or suspended customers', async () => {
        const unknown = await eter.recordTicket(
          ids.collector,
          sale({ customerId: 'cust-unknown' }),
        );
        assert.equal(unknown.value.pointsAwarded, 0);
        await eter.registerCustomer(ids.operator, { customerId: 'cust-sleepy' });
        await eter.setParticipantStatus(ids.operator, {
          kind: 'customer',
          id: 'cust-sleepy',
          status: 'suspended',
        });
        const suspended = await eter.recordTicket(
          ids.collector,
          sale({ customerId: 'cust-sleepy' }),
        );
        assert.equal(suspended.value.pointsAwarded, 0);
      });

      it('records returns of recorded tickets only, with lines that exist there', async () => {
        const original = sale();
        await eter.recordTicket(ids.collector, original);
        const returnOf = (originalTicketId: string, originalLineNo: number) =>
          buildTicket({
            ticketId: nextId(),
            storeId: 'store-001',
            type: 'return',
            originalTicketId,
            customerId: 'cust-0001',
            lines: [{ gtin: gtin13(FABER, 1), quantity: '1', unitPrice: '1.99', originalLineNo }],
          });
        await rejects(
          eter.recordTicket(ids.collector, returnOf('T-NOPE', 1)),
          'FAILED_PRECONDITION',
          '/originalTicketId',
        );
        await rejects(
          eter.recordTicket(ids.collector, returnOf(original.ticketId, 9)),
          'INVALID_ARGUMENT',
          '/lines/0/originalLineNo',
          'original-line',
        );
        const ok = await eter.recordTicket(ids.collector, returnOf(original.ticketId, 1));
        assert.equal(ok.value.pointsAwarded, 0, 'returns earn no points');
      });

      it('emits one TicketRecorded event per recorded ticket, with attribution', async () => {
        const ticket = sale();
        const tx = await eter.recordTicket(ids.collector, ticket);
        const event = await findEvent(opened, tx.blockNumber, tx.transactionId);
        assert.equal(event.name, 'TicketRecorded');
        const payload = JSON.parse(Buffer.from(event.payload).toString()) as TicketRecordedEvent;
        assert.equal(payload.ticketId, ticket.ticketId);
        assert.equal(payload.total, ticket.total);
        assert.deepEqual(
          payload.lines.map((l) => l.manufacturerId),
          ['mfr-faber', 'mfr-acme'],
        );
      });
    });

    returnsSuite(() => eter);

    describe('concurrency', () => {
      it('commits 200 concurrent tickets for one customer with no conflict and an exact balance', async () => {
        await eter.registerCustomer(ids.operator, { customerId: 'cust-hot' });
        const tickets = Array.from({ length: 200 }, (_, i) =>
          buildTicket({
            ticketId: nextId(),
            storeId: i % 2 === 0 ? 'store-001' : 'store-002',
            customerId: 'cust-hot',
            lines: [{ gtin: gtin13(ACME, i + 1), quantity: '1', unitPrice: `${10 + i}.00` }],
          }),
        );
        const results = await Promise.all(tickets.map((t) => eter.recordTicket(ids.collector, t)));
        const expected = results.reduce((sum, r) => sum + r.value.pointsAwarded, 0);
        assert.ok(expected > 0);
        const balance = await eter.getBalance(ids.query, 'cust-hot');
        assert.equal(balance.balance, expected);
        assert.equal(balance.lots, 200);
      });

      it('records a ticket submitted twice at once exactly once', async () => {
        const ticket = sale();
        const outcomes = await Promise.allSettled([
          eter.recordTicket(ids.collector, ticket),
          eter.recordTicket(ids.collector, ticket),
        ]);
        const fulfilled = outcomes.filter((o) => o.status === 'fulfilled');
        const rejected = outcomes.filter((o) => o.status === 'rejected');
        assert.ok(fulfilled.length >= 1);
        for (const r of rejected) {
          assert.ok(r.reason instanceof CommitError, String(r.reason));
          assert.equal(r.reason.validationCode, 'MVCC_READ_CONFLICT');
        }
        // A retry after the conflict returns the original.
        const retry = await eter.recordTicket(ids.collector, ticket);
        assert.equal(retry.value.replayed, true);
        const movements = await eter.listMovements(ids.query, {
          customerId: 'cust-0001',
          limit: 1000,
        });
        assert.equal(movements.movements.filter((m) => m.ticketId === ticket.ticketId).length, 1);
      });
    });

    describe('reading', () => {
      it('hides other stores from a store, and foreign stores from a collector, as NOT_FOUND', async () => {
        const ticket = sale({ storeId: 'store-002' });
        await eter.recordTicket(ids.collector, ticket);
        const ref = { storeId: 'store-002', ticketId: ticket.ticketId };
        await rejects(eter.getTicket(ids.store001, ref), 'NOT_FOUND');
        await rejects(eter.getTicket(ids.otherCollector, ref), 'NOT_FOUND');
        await rejects(eter.getTicket(ids.manufacturer, ref), 'FORBIDDEN');
        assert.equal((await eter.getTicket(ids.collector, ref)).ticket.ticketId, ticket.ticketId);
      });

      it('lists a store’s tickets by time range in pages', async () => {
        const day = (h: number) =>
          `2026-03-0${1 + Math.floor(h / 24)}T${String(h % 24).padStart(2, '0')}:30:00+00:00`;
        const made = [];
        for (let h = 0; h < 30; h += 3) {
          const t = buildTicket({
            ticketId: `TIME-${h}`,
            storeId: 'store-900',
            issuedAt: day(h),
            lines: [{ gtin: gtin13(ACME, 1), quantity: '1', unitPrice: '1.00' }],
          });
          made.push(t);
        }
        const collectorX = ids.otherCollector;
        await Promise.all(made.map((t) => eter.recordTicket(collectorX, t)));
        const from = '2026-03-01T03:00:00Z';
        const to = '2026-03-02T03:30:00Z';
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await eter.listStoreTickets(ids.auditor, {
            storeId: 'store-900',
            from,
            to,
            limit: 3,
            ...(cursor ? { cursor } : {}),
          });
          seen.push(...page.tickets.map((t) => t.ticket.ticketId));
          cursor = page.cursor;
        } while (cursor !== undefined);
        // From hour 3 (inclusive) to hour 27:30 (exclusive): TIME-27 is issued at 27:30, so it is out.
        assert.deepEqual(seen, [
          'TIME-3',
          'TIME-6',
          'TIME-9',
          'TIME-12',
          'TIME-15',
          'TIME-18',
          'TIME-21',
          'TIME-24',
        ]);
      });

      it('lists a store’s tickets by id range', async () => {
        const page = await eter.listStoreTickets(ids.auditor, {
          storeId: 'store-900',
          fromTicketId: 'TIME-12',
          toTicketId: 'TIME-21',
        });
        assert.deepEqual(
          page.tickets.map((t) => t.ticket.ticketId),
          ['TIME-12', 'TIME-15', 'TIME-18'],
        );
      });

      it('pages movements and keeps balance = Σ movements', async () => {
        const all = [];
        let cursor: string | undefined;
        do {
          const page = await eter.listMovements(ids.query, {
            customerId: 'cust-hot',
            limit: 64,
            ...(cursor ? { cursor } : {}),
          });
          all.push(...page.movements);
          cursor = page.cursor;
        } while (cursor !== undefined);
        assert.equal(all.length, 200);
        assert.equal(new Set(all.map((m) => m.txId)).size, 200);
        const balance = await eter.getBalance(ids.auditor, 'cust-hot');
        assert.equal(
          balance.balance,
          all.reduce((s, m) => s + m.delta, 0),
        );
      });

      it('hides balances from stores and manufacturers', async () => {
        await rejects(eter.getBalance(ids.store001, 'cust-0001'), 'FORBIDDEN');
        await rejects(eter.getBalance(ids.manufacturer, 'cust-0001'), 'FORBIDDEN');
      });
    });
  });
}

async function findEvent(
  opened: OpenedEngine,
  block: number,
  txId: string,
): Promise<ContractEvent> {
  const controller = new AbortController();
  try {
    for await (const event of opened.gateway.events({
      startBlock: block,
      signal: controller.signal,
    })) {
      if (event.transactionId === txId) return event;
      if (event.blockNumber > block) break;
    }
  } finally {
    controller.abort();
  }
  throw new Error(`no event for ${txId} in block ${block}`);
}
