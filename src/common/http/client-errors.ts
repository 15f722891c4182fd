import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { errorBody } from '../errors/error-body.js';

/** Node's parser codes for requests too large to read, as opposed to malformed ones. */
const TOO_LARGE = new Set(['HPE_HEADER_OVERFLOW']);

/**
 * Requests Node's HTTP parser refuses (a URL or headers past 16 KiB, a malformed request line)
 * never reach Express: Node answers them itself with an empty body. Answer them in the
 * contract's error shape too, with a request id, so no client ever sees another shape.
 */
export function answerClientErrorsInShape(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A client that went away, or a socket already answered: nothing to say.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = TOO_LARGE.has(error.code ?? '') ? 431 : 400;
    const message =
      status === 431 ? 'request line or headers are too large' : 'malformed HTTP request';
    const requestId = randomUUID();
    const body = JSON.stringify(errorBody(status, message, requestId));
    socket.end(
      `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Request-Id: ${requestId}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}
