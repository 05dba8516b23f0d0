import type { Socket } from 'node:net';
import { SECURITY_HEADERS } from './security-headers.ts';

/**
 * Requests Node's HTTP parser cannot read (a broken request line, bad header characters, headers too
 * large) never reach Fastify's hooks; they still get a problem+json with the security headers.
 */
export function handleClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, title, detail] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'Request Timeout', 'The request took too long to arrive.']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', 'The request headers are too large.']
        : [400, 'Bad Request', 'The request could not be read.'];
  const body = JSON.stringify({
    type: 'https://accord.invalid/problems/validation-failed',
    title,
    status,
    code: 'VALIDATION_FAILED',
    detail,
  });
  const headers = Object.entries(SECURITY_HEADERS)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${title}\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${headers}cache-control: no-store\r\nconnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
