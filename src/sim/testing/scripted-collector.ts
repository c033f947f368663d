import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer: a status, headers and a JSON body. */
export interface ScriptedAnswer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body: unknown;
}

/** A request as the stand-in received it. */
export interface ScriptedRequest {
  readonly url: string;
  readonly authorization: string;
  readonly body: unknown;
}

/** A stand-in collector on 127.0.0.1 that answers from a script, and records what it got. */
export class ScriptedCollector {
  /** Every request received, in order. */
  readonly requests: ScriptedRequest[] = [];
  /** What to answer, in order (as is, or computed from the request); past the end, 500. */
  answers: Array<ScriptedAnswer | ((request: ScriptedRequest) => ScriptedAnswer)> = [];
  private server: Server | undefined;

  /** Listens on a free port of 127.0.0.1; resolves with the base URL. */
  async start(): Promise<string> {
    this.server = createServer((request: IncomingMessage, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => {
        const received: ScriptedRequest = {
          url: request.url ?? '',
          authorization: request.headers.authorization ?? '',
          body: JSON.parse(text) as unknown,
        };
        this.requests.push(received);
        const next = this.answers.shift() ?? { status: 500, body: { title: 'no script' } };
        const answer = typeof next === 'function' ? next(received) : next;
        response.writeHead(answer.status, {
          'content-type': 'application/json',
          ...answer.headers,
        });
        response.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
  }

  /** Stops listening. */
  stop(): Promise<void> {
    return new Promise((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
