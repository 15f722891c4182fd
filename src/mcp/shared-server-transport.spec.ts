import { EventEmitter } from 'node:events';
import { describe, expect, it } from '@jest/globals';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { plainRequest, SharedServerTransport } from './shared-server-transport.js';

const CLIENT_HEADERS = {
  accept: 'application/json, text/event-stream',
  'content-type': 'application/json',
  'mcp-protocol-version': '2025-06-18',
};
const call = {
  jsonrpc: '2.0',
  id: 7,
  method: 'tools/call',
  params: { name: 'echo', arguments: { text: 'hi' } },
};
const request = (headers: Record<string, string | undefined>) =>
  ({ headers }) as unknown as Request;

describe('plainRequest', () => {
  it('takes one JSON-RPC request sent with the headers the SDK transport accepts', () => {
    expect(plainRequest(request(CLIENT_HEADERS), call)).toBe(call);
    expect(
      plainRequest(request({ ...CLIENT_HEADERS, 'mcp-protocol-version': undefined }), call),
    ).toBe(call);
    expect(
      plainRequest(
        request({ ...CLIENT_HEADERS, 'content-type': 'application/json; charset=utf-8' }),
        call,
      ),
    ).toBe(call);
  });

  it.each([
    ['a batch', CLIENT_HEADERS, [call]],
    [
      'initialize',
      CLIENT_HEADERS,
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'c', version: '1' },
        },
      },
    ],
    ['a notification', CLIENT_HEADERS, { jsonrpc: '2.0', method: 'notifications/initialized' }],
    ['not JSON-RPC', CLIENT_HEADERS, { id: 1, method: 'tools/list' }],
    ['an envelope with an extra member', CLIENT_HEADERS, { ...call, extra: true }],
    ['a fractional id', CLIENT_HEADERS, { ...call, id: 1.5 }],
    ['params that are not an object', CLIENT_HEADERS, { ...call, params: ['echo'] }],
    [
      'params with _meta',
      CLIENT_HEADERS,
      { ...call, params: { ...call.params, _meta: { progressToken: 1 } } },
    ],
    [
      'an Accept without text/event-stream',
      { ...CLIENT_HEADERS, accept: 'application/json' },
      call,
    ],
    [
      'a form body',
      { ...CLIENT_HEADERS, 'content-type': 'application/x-www-form-urlencoded' },
      call,
    ],
    [
      'an unknown protocol version',
      { ...CLIENT_HEADERS, 'mcp-protocol-version': '1999-01-01' },
      call,
    ],
  ])('leaves %s to the SDK transport (which answers its errors)', (_what, headers, body) => {
    expect(plainRequest(request(headers), body)).toBeUndefined();
  });
});

/** A response that records what is written, and can be closed as a client going away does. */
function fakeResponse() {
  const written: { status?: number; headers: Record<string, string>; body?: string } = {
    headers: {},
  };
  const events = new EventEmitter();
  const response = Object.assign(events, {
    destroyed: false,
    status(code: number) {
      written.status = code;
      return response;
    },
    setHeader(name: string, value: string) {
      written.headers[name] = value;
      return response;
    },
    end(body: string) {
      written.body = body;
      events.emit('close');
    },
  });
  return { response: response as unknown as Response, written, events };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A server whose `whoami` tool answers with the caller it was handed, when released. */
async function whoamiServer() {
  const server = new McpServer({ name: 'test', version: '1' });
  const started: { release: () => void; signal: AbortSignal }[] = [];
  server.registerTool('whoami', { inputSchema: { wait: z.boolean() } }, async ({ wait }, extra) => {
    if (wait) {
      await new Promise<void>((release) => started.push({ release, signal: extra.signal }));
    }
    return { content: [{ type: 'text', text: extra.authInfo?.clientId ?? 'nobody' }] };
  });
  return { transport: await SharedServerTransport.connect(server), started };
}

const as = (clientId: string) => ({
  authInfo: { token: '', clientId, scopes: [] },
  requestInfo: { headers: CLIENT_HEADERS },
});
const whoami = (id: string | number, wait = false) => ({
  jsonrpc: '2.0' as const,
  id,
  method: 'tools/call',
  params: { name: 'whoami', arguments: { wait } },
});

describe('SharedServerTransport', () => {
  it('answers 200 application/json with the JSON-RPC response to that request', async () => {
    const { transport } = await whoamiServer();
    const { response, written } = fakeResponse();

    await transport.serve(whoami(7), as('ann'), response);

    expect(written.status).toBe(200);
    expect(written.headers).toEqual({ 'Content-Type': 'application/json' });
    expect(JSON.parse(written.body!)).toEqual({
      jsonrpc: '2.0',
      id: 7,
      result: { content: [{ type: 'text', text: 'ann' }] },
    });
    expect(transport.inFlight).toBe(0);
  });

  it('answers a request the server refuses with its JSON-RPC error, as the SDK transport does', async () => {
    const { transport } = await whoamiServer();
    const { response, written } = fakeResponse();

    await transport.serve(
      { jsonrpc: '2.0', id: 'x', method: 'no/such/method' },
      as('ann'),
      response,
    );

    expect(JSON.parse(written.body!)).toMatchObject({
      jsonrpc: '2.0',
      id: 'x',
      error: { code: -32601 },
    });
  });

  it('keeps concurrent requests apart: same JSON-RPC id from two clients, answered in reverse order', async () => {
    const { transport, started } = await whoamiServer();
    const ann = fakeResponse();
    const bob = fakeResponse();
    const served = [
      transport.serve(whoami(1, true), as('ann'), ann.response),
      transport.serve(whoami(1, true), as('bob'), bob.response),
    ];
    await tick();
    expect([started.length, transport.inFlight]).toEqual([2, 2]);

    started[1]!.release();
    await served[1];
    expect(ann.written.body).toBeUndefined();
    started[0]!.release();
    await served[0];

    expect([JSON.parse(ann.written.body!), JSON.parse(bob.written.body!)]).toEqual([
      { jsonrpc: '2.0', id: 1, result: { content: [{ type: 'text', text: 'ann' }] } },
      { jsonrpc: '2.0', id: 1, result: { content: [{ type: 'text', text: 'bob' }] } },
    ]);
    expect(transport.inFlight).toBe(0);
  });

  it('a client gone mid-call aborts that handler only, and nothing is written to it', async () => {
    const { transport, started } = await whoamiServer();
    const gone = fakeResponse();
    const staying = fakeResponse();
    const served = [
      transport.serve(whoami('a', true), as('ann'), gone.response),
      transport.serve(whoami('a', true), as('bob'), staying.response),
    ];
    await tick();

    gone.events.emit('close');
    await served[0];
    await tick();
    expect([started[0]!.signal.aborted, started[1]!.signal.aborted]).toEqual([true, false]);
    started[0]!.release();
    started[1]!.release();
    await served[1];

    expect(gone.written.body).toBeUndefined();
    expect(JSON.parse(staying.written.body!)).toMatchObject({ id: 'a', result: {} });
    expect(transport.inFlight).toBe(0);
  });
});
