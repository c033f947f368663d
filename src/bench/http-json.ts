import { Agent, request } from 'node:http';

/** One HTTP answer as the benchmark sees it. */
export interface HttpAnswer {
  readonly status: number;
  readonly text: string;
  /** From the request being handed to the socket pool to the last byte of the answer. */
  readonly ms: number;
}

/**
 * A small keep-alive HTTP/1.1 client on `node:http`, for the phases that
 * autocannon does not drive (batches, queries, the stream's POS traffic).
 * Not `fetch`: undici's stream and promise machinery costs the load
 * generator CPU that, on a two-core machine, the server under test would
 * otherwise have; a plain `Agent` with `keepAlive` keeps one connection per
 * request in flight, as autocannon does.
 */
export class HttpJson {
  private readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string, maxSockets: number) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port);
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  /** Sends a request; network errors reject, any HTTP status resolves. */
  send(
    method: string,
    path: string,
    headers: Readonly<Record<string, string>>,
    body?: string,
  ): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const req = request(
        {
          host: this.host,
          port: this.port,
          method,
          path,
          agent: this.agent,
          headers:
            body === undefined
              ? headers
              : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              text: Buffer.concat(chunks).toString('utf8'),
              ms: performance.now() - started,
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Closes the pooled connections. */
  close(): void {
    this.agent.destroy();
  }
}
