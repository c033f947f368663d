import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { problem, ProblemType, PROBLEM_CONTENT_TYPE } from './problem';

/**
 * Answers what Node's HTTP parser refuses before any request exists (a
 * request not sent within `requestTimeout`/`headersTimeout`, headers too
 * large, bytes that are not HTTP) as a problem, as every other error, with
 * the status Fastify's own handler gives it, then closes the connection.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, title] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'The request was not sent in time']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'The request headers are too large']
        : [400, 'The request is not valid HTTP'];
  const body = JSON.stringify(problem(ProblemType.malformedRequest, status, title));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
