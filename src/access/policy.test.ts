/**
 * The access policy on its own, without a server: each grant's condition,
 * and the four answers. The HTTP walk over every route is
 * test/api/access-matrix.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AccessPolicy, type Decision, type Target } from './policy';
import { ACCESS_RULES, type ResourceKind } from './rules';
import { CALLER_KINDS, PERSON_ROLES, type Caller, type PersonRole } from './roles';

const RETAILER_OF: Record<string, string> = { 's-1': 'chain-a', 's-2': 'chain-b' };
const policy = new AccessPolicy({ retailerOf: (storeId) => RETAILER_OF[storeId] });

const person = (role: PersonRole, subjectId: string | null): Caller => ({
  kind: 'person',
  person: { username: `${role}-login`, role, subjectId },
});
const till = (storeId: string): Caller => ({ kind: 'terminal', terminal: { storeId } });
const anonymous: Caller = { kind: 'anonymous' };

function decide(caller: Caller, kind: ResourceKind, target?: Target): Decision {
  return policy.decide(caller, kind, target);
}

describe('access policy', () => {
  it('lets everyone reach public resources, with or without a credential', () => {
    for (const caller of [anonymous, till('s-1'), person('customer', 'c-1')]) {
      assert.equal(decide(caller, 'service'), 'allow');
      assert.equal(decide(caller, 'login'), 'allow');
    }
  });

  it('asks for a credential first: 401 for nobody, and for the wrong kind of credential', () => {
    assert.equal(decide(anonymous, 'store-tickets', { storeId: 's-1' }), 'unauthenticated');
    assert.equal(decide(till('s-1'), 'store-tickets', { storeId: 's-1' }), 'unauthenticated');
    assert.equal(
      decide(person('store', 's-1'), 'ticket-intake', { storeId: 's-1' }),
      'unauthenticated',
    );
  });

  it('tells a person of another role 403, before looking at ids', () => {
    assert.equal(
      decide(person('manufacturer', 'm-1'), 'store-tickets', { storeId: 's-1' }),
      'forbidden',
    );
    assert.equal(decide(person('operator', null), 'ledger'), 'forbidden');
    assert.equal(policy.admits(person('customer', 'c-1'), 'participants'), 'forbidden');
    assert.equal(policy.admits(person('customer', 'c-1'), 'ticket'), 'allow');
  });

  it("hides what is not the caller's as if it did not exist", () => {
    assert.equal(decide(person('store', 's-1'), 'store-tickets', { storeId: 's-1' }), 'allow');
    assert.equal(decide(person('store', 's-1'), 'store-tickets', { storeId: 's-2' }), 'not-found');
    assert.equal(
      decide(person('store', 's-1'), 'store-tickets', { storeId: 'nowhere' }),
      'not-found',
    );
    assert.equal(decide(person('customer', 'c-1'), 'wallet', { customerId: 'c-2' }), 'not-found');
    assert.equal(
      decide(person('manufacturer', 'm-1'), 'manufacturer-sales', { manufacturerId: 'm-2' }),
      'not-found',
    );
  });

  it('lets a retailer read its own stores only, by the directory', () => {
    const chain = person('retailer', 'chain-a');
    assert.equal(decide(chain, 'store-tickets', { storeId: 's-1' }), 'allow');
    assert.equal(decide(chain, 'store-tickets', { storeId: 's-2' }), 'not-found');
    assert.equal(decide(chain, 'store-tickets', { storeId: 'unregistered' }), 'not-found');
    assert.equal(decide(chain, 'retailer-tickets', { retailerId: 'chain-a' }), 'allow');
    assert.equal(decide(chain, 'retailer-tickets', { retailerId: 'chain-b' }), 'not-found');
  });

  it('gives a ticket to its parties and to auditors', () => {
    const ticket = { storeId: 's-1', customerId: 'c-1' };
    assert.equal(decide(person('customer', 'c-1'), 'ticket', ticket), 'allow');
    assert.equal(decide(person('customer', 'c-2'), 'ticket', ticket), 'not-found');
    assert.equal(
      decide(person('customer', 'c-1'), 'ticket', { storeId: 's-1', customerId: null }),
      'not-found',
    );
    assert.equal(decide(person('store', 's-1'), 'ticket', ticket), 'allow');
    assert.equal(decide(person('store', 's-2'), 'ticket', ticket), 'not-found');
    assert.equal(decide(person('retailer', 'chain-a'), 'ticket', ticket), 'allow');
    assert.equal(decide(person('retailer', 'chain-b'), 'ticket', ticket), 'not-found');
    assert.equal(decide(person('auditor', null), 'ticket', ticket), 'allow');
    assert.equal(decide(person('manufacturer', 'm-1'), 'ticket', ticket), 'forbidden');
  });

  it('binds a till to its own store, and says so (403): it knows the store exists', () => {
    assert.equal(decide(till('s-1'), 'ticket-intake', { storeId: 's-1' }), 'allow');
    assert.equal(decide(till('s-1'), 'ticket-intake', { storeId: 's-2' }), 'forbidden');
    assert.equal(decide(till('s-1'), 'redemption', { storeId: 's-2' }), 'forbidden');
    // The ledger decides which sales a till may take back.
    assert.equal(decide(till('s-1'), 'ticket-returnable', { storeId: 's-2' }), 'allow');
  });

  it('never matches a login without a subject, whatever the ids say', () => {
    assert.equal(
      decide(person('customer', null), 'wallet', { customerId: undefined }),
      'not-found',
    );
    assert.equal(
      decide(person('retailer', null), 'store-tickets', { storeId: 's-1' }),
      'not-found',
    );
  });

  it('has a rule for every resource that names at least one route and one caller', () => {
    for (const [kind, rule] of Object.entries(ACCESS_RULES)) {
      assert.ok(rule.routes.length > 0, kind);
      const admitted = Object.keys(rule.grants) as string[];
      assert.ok('public' in rule || admitted.length > 0, kind);
      for (const caller of admitted)
        assert.ok((CALLER_KINDS as readonly string[]).includes(caller), kind);
    }
    assert.equal(CALLER_KINDS.length, PERSON_ROLES.length + 1);
  });
});
