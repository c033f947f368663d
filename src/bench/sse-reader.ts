import { get, type ClientRequest } from 'node:http';

/** One Server-Sent Event. */
export interface SseMessage {
  readonly id: string | undefined;
  readonly event: string;
  readonly data: string;
}

/** An open event stream. */
export interface SseConnection {
  close(): void;
}

/**
 * Opens an event stream and calls `onMessage` for each event with the time
 * (`performance.now()`) its bytes arrived, taken before parsing so that the
 * reader's own work does not count as lag. Resolves once the server has
 * answered 200 with `text/event-stream`.
 */
export function openSse(
  url: string,
  headers: Readonly<Record<string, string>>,
  onMessage: (message: SseMessage, receivedAt: number) => void,
  onEnd: (error?: Error) => void,
): Promise<SseConnection> {
  return new Promise((resolve, reject) => {
    let req: ClientRequest | undefined = undefined;
    let closing = false;
    req = get(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      const type = res.headers['content-type'] ?? '';
      if (res.statusCode !== 200 || !type.startsWith('text/event-stream')) {
        res.resume();
        reject(new Error(`event stream refused: ${res.statusCode} ${type}`));
        return;
      }
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        const receivedAt = performance.now();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = parseSseBlock(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          if (message !== undefined) onMessage(message, receivedAt);
        }
      });
      res.on('end', () => onEnd(closing ? undefined : new Error('event stream ended')));
      res.on('error', (error) => onEnd(closing ? undefined : error));
      resolve({
        close() {
          closing = true;
          req?.destroy();
        },
      });
    });
    req.on('error', reject);
  });
}

/** One event block (the text between blank lines); comments and `retry:` alone carry no event. */
export function parseSseBlock(block: string): SseMessage | undefined {
  let id: string | undefined;
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('id: ')) id = line.slice(4);
    else if (line.startsWith('event: ')) event = line.slice(7);
    else if (line.startsWith('data: ')) data.push(line.slice(6));
  }
  return data.length === 0 ? undefined : { id, event, data: data.join('\n') };
}
