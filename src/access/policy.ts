/**
 * The access policy applied: may this caller read or act on this resource?
 * Every route asks here, with the resource kind it serves and the ids the
 * request names; the answer is one of four, which the API turns into 200,
 * 401, 403 or 404. Nothing else in the code base decides visibility.
 */
import {
  ACCESS_RULES,
  takesCredentialOf,
  type AccessRule,
  type Grant,
  type ResourceKind,
} from './rules';
import { callerKindOf, type Caller, type PersonRole } from './roles';

/** The ids a request names, or a resource carries (a ticket: its store and customer). */
export interface Target {
  readonly storeId?: string;
  readonly retailerId?: string;
  readonly customerId?: string | null;
  readonly manufacturerId?: string;
}

/** Where the policy looks up what the request does not say: a store's retailer. */
export interface Directory {
  /** The retailer a store is registered under, if the store is registered. */
  retailerOf(storeId: string): string | undefined;
}

/**
 * - `allow`: go ahead;
 * - `unauthenticated`: no credential this resource admits (401);
 * - `forbidden`: a credential of a kind not admitted (403), or a refusal
 *   the rule says may be told (a till sending another store's ticket);
 * - `not-found`: admitted kind, not theirs: the same answer as for what
 *   does not exist (404).
 */
export type Decision = 'allow' | 'unauthenticated' | 'forbidden' | 'not-found';

export class AccessPolicy {
  /** @param directory needed for retailers' rules; a collector-only server has none. */
  constructor(private readonly directory?: Directory) {}

  /** The decision for `caller` on a resource of `kind` naming `target`. */
  decide(caller: Caller, kind: ResourceKind, target: Target = {}): Decision {
    const admitted = this.admits(caller, kind);
    if (admitted !== 'allow' || caller.kind === 'anonymous') return admitted;
    const rule: AccessRule = ACCESS_RULES[kind];
    if (rule.public === true) return 'allow';
    const grant = rule.grants[callerKindOf(caller)]!;
    return this.holds(grant, caller, target) ? 'allow' : (rule.refusal ?? 'not-found');
  }

  /**
   * Whether `caller` is of a kind admitted to resources of `kind` at all,
   * before knowing which one: what a route can tell before it reads the
   * resource whose parties decide (a ticket's store and customer).
   */
  admits(caller: Caller, kind: ResourceKind): Decision {
    const rule: AccessRule = ACCESS_RULES[kind];
    if (rule.public === true) return 'allow';
    if (caller.kind === 'anonymous') return 'unauthenticated';
    const callerKind = callerKindOf(caller);
    if (rule.grants[callerKind] !== undefined) return 'allow';
    // A person at a till's door, or a till at a person's, has no credential
    // this resource takes at all; a person of another role has the wrong one.
    return takesCredentialOf(rule, callerKind) ? 'forbidden' : 'unauthenticated';
  }

  private holds(grant: Grant, caller: Caller, target: Target): boolean {
    switch (grant) {
      case 'any':
      case 'self':
      case 'ledger':
        return true;
      case 'own':
        return caller.kind === 'terminal'
          ? target.storeId === caller.terminal.storeId
          : caller.kind === 'person' &&
              caller.person.subjectId !== null &&
              ownId(caller.person.role, target) === caller.person.subjectId;
      case 'its-store':
        return caller.kind === 'person' && this.runsStore(caller.person.subjectId, target.storeId);
      case 'party': {
        if (caller.kind !== 'person') return false;
        const { role, subjectId } = caller.person;
        if (subjectId === null) return false;
        if (role === 'customer') return target.customerId === subjectId;
        if (role === 'store') return target.storeId === subjectId;
        if (role === 'retailer') return this.runsStore(subjectId, target.storeId);
        return false;
      }
    }
  }

  /** Whether `retailerId` is the retailer of `storeId`. */
  private runsStore(retailerId: string | null, storeId: string | undefined): boolean {
    if (retailerId === null || storeId === undefined) return false;
    if (this.directory === undefined) {
      throw new Error('the access policy needs a directory to decide for retailers');
    }
    return this.directory.retailerOf(storeId) === retailerId;
  }
}

/** The id in `target` that a person of `role` owns. */
function ownId(role: PersonRole, target: Target): string | null | undefined {
  switch (role) {
    case 'customer':
      return target.customerId;
    case 'store':
      return target.storeId;
    case 'retailer':
      return target.retailerId;
    case 'manufacturer':
      return target.manufacturerId;
    default:
      return undefined;
  }
}
