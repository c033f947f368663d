/**
 * The access policy at the HTTP boundary: who sent the request, what the
 * policy decides for the resource the route serves, and the problem that
 * answers a refusal. Routes call {@link authorize} (or its person and
 * terminal forms) first thing, with the resource kind of the route and the
 * ids the request names.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  AccessPolicy,
  ACCESS_RULES,
  type AccessRule,
  type Caller,
  type Decision,
  type Person,
  type ResourceKind,
  type Target,
  type Terminal,
} from '../../access';
import { problem, ProblemError, ProblemType } from './problem';

declare module 'fastify' {
  interface FastifyInstance {
    /** The access policy every route asks. */
    accessPolicy: AccessPolicy;
  }
  interface FastifyContextConfig {
    /** The resource kind the route serves, in the access policy's terms. */
    access?: ResourceKind;
  }
}

/** Gives the server its policy; routes reach it through their request. */
export function registerAccessPolicy(app: FastifyInstance, policy: AccessPolicy): void {
  app.decorate('accessPolicy', policy);
}

/** The caller of a request: a person by login, a till by key, or nobody. */
export function callerOf(request: FastifyRequest): Caller {
  if (request.person !== undefined) return { kind: 'person', person: request.person };
  if (request.terminal !== undefined) return { kind: 'terminal', terminal: request.terminal };
  return { kind: 'anonymous' };
}

/**
 * The policy's decision for the request on a resource of `kind`.
 * @throws {ProblemError} 401, 403 or 404 for anything but `allow`.
 */
export function authorize(request: FastifyRequest, kind: ResourceKind, target?: Target): Caller {
  const caller = callerOf(request);
  const decision = request.server.accessPolicy.decide(caller, kind, target);
  if (decision !== 'allow') throw refusal(decision, kind, caller);
  return caller;
}

/**
 * Whether the caller is of a kind admitted to resources of `kind` at all.
 * @throws {ProblemError} 401 or 403 otherwise.
 */
export function admit(request: FastifyRequest, kind: ResourceKind): Caller {
  const caller = callerOf(request);
  const decision = request.server.accessPolicy.admits(caller, kind);
  if (decision !== 'allow') throw refusal(decision, kind, caller);
  return caller;
}

/** {@link authorize} for a resource only people are granted. */
export function authorizePerson(
  request: FastifyRequest,
  kind: ResourceKind,
  target?: Target,
): Person {
  const caller = authorize(request, kind, target);
  if (caller.kind !== 'person') throw refusal('unauthenticated', kind, caller);
  return caller.person;
}

/** {@link authorize} for a resource only tills are granted. */
export function authorizeTerminal(
  request: FastifyRequest,
  kind: ResourceKind,
  target?: Target,
): Terminal {
  const caller = authorize(request, kind, target);
  if (caller.kind !== 'terminal') throw refusal('unauthenticated', kind, caller);
  return caller.terminal;
}

/** The answer to a refusal: the same 404 as for what does not exist, where the rule says so. */
export function refusal(decision: Decision, kind: ResourceKind, caller: Caller): ProblemError {
  const rule: AccessRule = ACCESS_RULES[kind];
  switch (decision) {
    case 'unauthenticated': {
      const forTills = 'terminal' in rule.grants;
      return new ProblemError(
        problem(
          ProblemType.unauthenticated,
          401,
          forTills ? 'A valid terminal API key is required' : 'Log in first',
          forTills ? 'Authorization: Bearer eter_…' : 'send Authorization: Bearer <token>',
        ),
        { 'www-authenticate': forTills ? 'Bearer realm="eter-collector"' : 'Bearer realm="eter"' },
      );
    }
    case 'forbidden':
      if (caller.kind === 'terminal') return storeBinding(caller.terminal, rule);
      return new ProblemError(
        problem(
          ProblemType.forbidden,
          403,
          caller.kind === 'person' && !(caller.person.role in rule.grants)
            ? 'Not for this role'
            : 'Not yours',
          `${rule.about}: for ${Object.keys(rule.grants).join(', ')}`,
        ),
      );
    default:
      return notFoundProblem(rule.noun ?? 'resource');
  }
}

/**
 * 404 for a resource that does not exist or is not the caller's: the two
 * answers are the same so that nothing leaks by existence.
 */
export function notFoundProblem(noun: string): ProblemError {
  return new ProblemError(problem(ProblemType.notFound, 404, 'Not found', `no such ${noun}`));
}

/** A till acting for another store than its key's: it knows the store exists, so 403, naming why. */
function storeBinding(terminal: Terminal, rule: AccessRule): ProblemError {
  return new ProblemError(
    problem(ProblemType.forbidden, 403, `Not this terminal's store`, rule.about, [
      {
        path: '/storeId',
        rule: 'store-binding',
        message: `this terminal's key is bound to store ${terminal.storeId}`,
      },
    ]),
  );
}
