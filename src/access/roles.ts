/**
 * Who can call Eter: people, by their login's role, and the tills of
 * stores, by their terminal key. Both the read model and the API use these
 * names, so they live below both.
 */

/** Roles a person logs in with. Terminals are not people: they hold API keys. */
export const PERSON_ROLES = [
  'customer',
  'store',
  'retailer',
  'manufacturer',
  'auditor',
  'operator',
] as const;

/** A person's role. */
export type PersonRole = (typeof PERSON_ROLES)[number];

/** Roles whose login is bound to one participant on the ledger. */
export const SUBJECT_ROLES: ReadonlySet<PersonRole> = new Set([
  'customer',
  'store',
  'retailer',
  'manufacturer',
]);

/** Someone logged in. */
export interface Person {
  readonly username: string;
  readonly role: PersonRole;
  /**
   * The participant the login acts for: the pseudonymous customer id, the
   * store id, the retailer id (the chain whose stores it reads) or the
   * manufacturer id; `null` for auditors and operators.
   * This link lives only in the server's access database, never on the ledger.
   */
  readonly subjectId: string | null;
}

/** A point-of-sale terminal, known by its API key, bound to one store. */
export interface Terminal {
  readonly storeId: string;
}

/** Whoever sent a request. */
export type Caller =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'terminal'; readonly terminal: Terminal }
  | { readonly kind: 'person'; readonly person: Person };

/** The kinds of caller a rule grants to: terminals, and people by role. */
export type CallerKind = 'terminal' | PersonRole;

/** Every caller kind, in the order the access matrix shows them. */
export const CALLER_KINDS: readonly CallerKind[] = ['terminal', ...PERSON_ROLES];

/** The kind of a caller who holds a credential: a till, or a person's role. */
export function callerKindOf(caller: Exclude<Caller, { kind: 'anonymous' }>): CallerKind {
  return caller.kind === 'terminal' ? 'terminal' : caller.person.role;
}
