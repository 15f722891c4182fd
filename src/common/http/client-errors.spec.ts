import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { answerClientErrorsInShape } from './client-errors.js';

/** Sends raw bytes and returns everything the server wrote back before closing. */
function rawRequest(server: Server, bytes: string): Promise<string> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

const bodyOf = (answer: string) =>
  JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>;

describe('answerClientErrorsInShape', () => {
  let server: Server;

  beforeAll(async () => {
    server = createServer((_request, response) => response.end('ok'));
    answerClientErrorsInShape(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers a URL past the header limit with 431 in the error shape and a request id', async () => {
    const answer = await rawRequest(
      server,
      `GET /?q=${'x'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    );
    expect(answer.startsWith('HTTP/1.1 431 ')).toBe(true);
    const requestId = /X-Request-Id: (\S+)/.exec(answer)?.[1];
    expect(bodyOf(answer)).toEqual({
      status_code: 431,
      error: 'Request Header Fields Too Large',
      message: 'request line or headers are too large',
      request_id: requestId,
    });
  });

  it('answers a malformed request line with 400 in the error shape', async () => {
    const answer = await rawRequest(server, 'NOT HTTP AT ALL\r\n\r\n');
    expect(answer.startsWith('HTTP/1.1 400 ')).toBe(true);
    expect(bodyOf(answer)).toMatchObject({
      status_code: 400,
      error: 'Bad Request',
      message: 'malformed HTTP request',
    });
  });

  it('leaves well-formed requests to the application', async () => {
    const answer = await rawRequest(
      server,
      'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    expect(answer.startsWith('HTTP/1.1 200 ')).toBe(true);
    expect(answer.endsWith('ok')).toBe(true);
  });
});
