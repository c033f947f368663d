/**
 * The access policy as the Markdown table in docs/api.md ("Who sees what"),
 * generated from {@link ACCESS_RULES}: a test fails when the document and
 * the rules part ways, and `node scripts/access-matrix.mjs` prints it.
 */
import { ACCESS_RULES, takesCredentialOf, type AccessRule, type Grant } from './rules';
import { CALLER_KINDS, type CallerKind } from './roles';

const GRANT_WORDS: Record<Grant, string> = {
  any: 'all',
  self: 'own',
  own: 'own',
  'its-store': 'its stores',
  party: 'own',
  ledger: 'own retailer',
};

/** The table, one row a resource kind, one column a kind of caller. */
export function accessMatrix(): string {
  const header = ['resource', 'routes', 'anonymous', ...CALLER_KINDS];
  const rows = Object.values(ACCESS_RULES).map((rule: AccessRule) => [
    rule.about,
    rule.routes.map((r) => `\`${r}\``).join('<br>'),
    rule.public === true ? 'yes' : '401',
    ...CALLER_KINDS.map((kind) => cell(rule, kind)),
  ]);
  return [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

function cell(rule: AccessRule, kind: CallerKind): string {
  if (rule.public === true) return 'yes';
  const grant = rule.grants[kind];
  if (grant !== undefined) {
    const refusal = rule.refusal === 'forbidden' ? 'other 403' : 'other 404';
    return grant === 'any' || grant === 'self'
      ? GRANT_WORDS[grant]
      : `${GRANT_WORDS[grant]}; ${refusal}`;
  }
  return takesCredentialOf(rule, kind) ? '403' : '401';
}
