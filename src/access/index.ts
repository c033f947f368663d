/**
 * Who may see and do what: the one access policy, used by the API's routes
 * and streams and by the read model's queries.
 */
export * from './roles';
export * from './rules';
export * from './policy';
export * from './fields';
export { accessMatrix } from './matrix';
