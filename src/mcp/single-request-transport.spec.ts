import { describe, expect, it } from '@jest/globals';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { SingleRequestTransport } from './single-request-transport.js';

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

describe('SingleRequestTransport.for', () => {
  it('takes one JSON-RPC request sent with the headers the SDK transport accepts', () => {
    expect(SingleRequestTransport.for(request(CLIENT_HEADERS), call)).toBeInstanceOf(
      SingleRequestTransport,
    );
    expect(
      SingleRequestTransport.for(
        request({ ...CLIENT_HEADERS, 'mcp-protocol-version': undefined }),
        call,
      ),
    ).toBeInstanceOf(SingleRequestTransport);
    expect(
      SingleRequestTransport.for(
        request({ ...CLIENT_HEADERS, 'content-type': 'application/json; charset=utf-8' }),
        call,
      ),
    ).toBeInstanceOf(SingleRequestTransport);
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
    expect(SingleRequestTransport.for(request(headers), body)).toBeUndefined();
  });
});

describe('SingleRequestTransport.serve', () => {
  it('answers 200 application/json with the JSON-RPC response to that request', async () => {
    const server = new McpServer({ name: 'test', version: '1' });
    server.registerTool('echo', { inputSchema: { text: z.string() } }, ({ text }) => ({
      content: [{ type: 'text', text: `echo ${text}` }],
    }));
    const written: { status?: number; headers: Record<string, string>; body?: string } = {
      headers: {},
    };
    const response = {
      destroyed: false,
      status(code: number) {
        written.status = code;
        return this;
      },
      setHeader(name: string, value: string) {
        written.headers[name] = value;
        return this;
      },
      end(body: string) {
        written.body = body;
      },
    } as unknown as Response;

    await SingleRequestTransport.for(request(CLIENT_HEADERS), call)!.serve(
      server,
      CLIENT_HEADERS,
      response,
    );

    expect(written.status).toBe(200);
    expect(written.headers).toEqual({ 'Content-Type': 'application/json' });
    expect(JSON.parse(written.body!)).toEqual({
      jsonrpc: '2.0',
      id: 7,
      result: { content: [{ type: 'text', text: 'echo hi' }] },
    });
  });

  it('answers a request the server refuses with its JSON-RPC error, as the SDK transport does', async () => {
    const server = new McpServer({ name: 'test', version: '1' });
    server.registerTool('echo', { inputSchema: { text: z.string() } }, () => ({ content: [] }));
    let body = '';
    const response = {
      destroyed: false,
      status: () => response,
      setHeader: () => response,
      end: (text: string) => (body = text),
    } as unknown as Response;
    const unknown = { jsonrpc: '2.0', id: 'x', method: 'no/such/method' };

    await SingleRequestTransport.for(request(CLIENT_HEADERS), unknown)!.serve(
      server,
      CLIENT_HEADERS,
      response,
    );

    expect(JSON.parse(body)).toMatchObject({ jsonrpc: '2.0', id: 'x', error: { code: -32601 } });
  });
});
