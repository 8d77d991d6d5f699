import type { Duplex } from 'node:stream';

// Node answers a request it cannot parse (headers over --max-http-header-size, a broken request
// line) itself, before Express exists for it, with a bare status line. Those refusals get the
// same JSON reason body as every other one.

const REFUSALS: Record<string, { status: number; text: string; reason: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, text: 'Request Header Fields Too Large', reason: 'the request headers are too large' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, text: 'Request Timeout', reason: 'the request took too long to arrive' },
};
const MALFORMED = { status: 400, text: 'Bad Request', reason: 'malformed HTTP request' };

/** The server's 'clientError' listener: writes the refusal straight to the socket and closes it. */
export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  // A peer that reset the connection hears nothing; one whose socket cannot be written to neither.
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const { status, text, reason } = (err.code ? REFUSALS[err.code] : undefined) ?? MALFORMED;
  const body = JSON.stringify({ error: { code: 'bad_request', message: reason } });
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
