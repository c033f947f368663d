/** A minimal Server-Sent Events reader over fetch, for tests: one event at a time. */
import { parseSseBlock, type SseMessage } from '../../src/bench/sse-reader';

export type SseEvent = SseMessage;

/** An open event stream: read events one by one, then close. */
export interface SseStream {
  readonly status: number;
  readonly contentType: string | null;
  /** The next event; rejects if none arrives within `timeoutMs`. */
  next(timeoutMs?: number): Promise<SseEvent>;
  close(): void;
}

export async function openSse(url: string, headers: Record<string, string>): Promise<SseStream> {
  const abort = new AbortController();
  const response = await fetch(url, { headers, signal: abort.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const queue: SseEvent[] = [];
  const fill = async (): Promise<void> => {
    while (queue.length === 0) {
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const message = parseSseBlock(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (message !== undefined) queue.push(message);
      }
    }
  };
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    async next(timeoutMs = 10_000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no event within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([fill(), timeout]);
      } finally {
        clearTimeout(timer);
      }
      return queue.shift()!;
    },
    close() {
      abort.abort();
    },
  };
}
