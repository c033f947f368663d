import { ticketSchema } from '../../../format';

/**
 * The ticket JSON Schema as shared schemas of the server (`Ticket`,
 * `TicketShortId`, ...): the schema's `$defs` become schemas of their own and
 * its internal references are rewritten to point at them, since an OpenAPI
 * component cannot resolve `#/$defs/...` against the document. Nothing else
 * changes: the API documents the very schema that validates.
 */
export function ticketSharedSchemas(): Array<Record<string, unknown> & { $id: string }> {
  const {
    $defs,
    $id: _id,
    $schema: _schema,
    ...ticket
  } = ticketSchema as unknown as {
    $defs: Record<string, unknown>;
    $id: string;
    $schema: string;
  } & Record<string, unknown>;
  const rename = (name: string) => `Ticket${name[0]!.toUpperCase()}${name.slice(1)}`;
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) =>
        key === '$ref' && typeof inner === 'string' && inner.startsWith('#/$defs/')
          ? [key, `${rename(inner.slice('#/$defs/'.length))}#`]
          : [key, rewrite(inner)],
      ),
    );
  };
  return [
    { $id: 'Ticket', ...(rewrite(ticket) as Record<string, unknown>) },
    ...Object.entries($defs).map(([name, def]) => ({
      $id: rename(name),
      ...(rewrite(def) as Record<string, unknown>),
    })),
  ];
}
