/**
 * OpenAPI links from each operation that creates something to the operations
 * that read or act on it, so that a client generator, a reader of `/docs`
 * and a stateful tester (Schemathesis) know which answer feeds which request.
 * @fastify/swagger has no place for links in a route's schema: they are
 * added to the generated document here, each naming its operation by path.
 */

interface Link {
  /** The response that supplies the values: path, method, statuses. */
  readonly from: { readonly path: string; readonly method: string; readonly statuses: string[] };
  readonly name: string;
  /** The operation it leads to. */
  readonly to: { readonly path: string; readonly method: string };
  readonly parameters: Readonly<Record<string, string>>;
  readonly description: string;
}

const ticket = '/v1/stores/{storeId}/tickets/{ticketId}';
const grants = '/v1/customers/{customerId}/points/grants';

const LINKS: readonly Link[] = [
  ...['', 'Returnable'].map((suffix) => ({
    from: { path: '/v1/tickets', method: 'post', statuses: ['200', '201'] },
    name: `RecordedTicket${suffix}`,
    to: { path: suffix === '' ? ticket : `${ticket}/returnable`, method: 'get' },
    parameters: { storeId: '$response.body#/storeId', ticketId: '$response.body#/ticketId' },
    description:
      suffix === ''
        ? 'The ticket just recorded, with its proof'
        : 'What of the sale just recorded is left to return',
  })),
  {
    from: { path: grants, method: 'post', statuses: ['201'] },
    name: 'CancelGrant',
    to: { path: `${grants}/{grantId}`, method: 'delete' },
    parameters: { customerId: '$request.path.customerId', grantId: '$response.body#/grantId' },
    description: 'Cancel the grant just created',
  },
  {
    from: {
      path: '/v1/customers/{customerId}/points/transfers',
      method: 'post',
      statuses: ['200', '201'],
    },
    name: 'TransferProof',
    to: { path: '/v1/customers/{customerId}/points/movements/{txId}/proof', method: 'get' },
    parameters: { customerId: '$request.path.customerId', txId: '$response.body#/txId' },
    description: 'The inclusion proof of the transfer just made',
  },
  ...(
    [
      ['stores', 'storeId'],
      ['manufacturers', 'manufacturerId'],
      ['customers', 'customerId'],
    ] as const
  ).map(([kind, idField]) => ({
    from: { path: `/v1/participants/${kind}`, method: 'post', statuses: ['201'] },
    name: 'SetStatus',
    to: { path: `/v1/participants/${kind}/{id}/status`, method: 'put' },
    parameters: { id: `$request.body#/${idField}` },
    description: `Suspend or reinstate the participant just registered`,
  })),
];

/** RFC 6901: a path as one JSON pointer token. */
function pointerToken(path: string): string {
  return path.replace(/~/g, '~0').replace(/\//g, '~1');
}

type Responses = Record<string, { links?: Record<string, unknown> }>;
type Paths = Record<string, Record<string, { responses?: Responses }>>;

/** Adds the links to a generated OpenAPI document (in place), for the operations it has. */
export function addLinks<T extends { paths?: unknown }>(document: T): T {
  const paths = document.paths as Paths | undefined;
  if (paths === undefined) return document;
  for (const link of LINKS) {
    const responses = paths[link.from.path]?.[link.from.method]?.responses;
    // A role that does not serve both operations documents neither link end.
    if (responses === undefined || paths[link.to.path]?.[link.to.method] === undefined) continue;
    for (const status of link.from.statuses) {
      const response = responses[status];
      if (response === undefined) continue;
      response.links = {
        ...response.links,
        [link.name]: {
          operationRef: `#/paths/${pointerToken(link.to.path)}/${link.to.method}`,
          parameters: link.parameters,
          description: link.description,
        },
      };
    }
  }
  return document;
}
