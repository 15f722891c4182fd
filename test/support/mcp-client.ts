import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

export interface McpSession {
  client: Client;
  /** Every HTTP request the client made, to count them against the rate limit. */
  requests: { method: string; status: number }[];
  call: (name: string, args?: Record<string, unknown>) => Promise<CallToolResult>;
  close: () => Promise<void>;
}

/** The SDK's own client over Streamable HTTP, with an API key. */
export async function connectMcp(
  baseUrl: string,
  key: string,
  headers: Record<string, string> = {},
): Promise<McpSession> {
  const requests: McpSession['requests'] = [];
  const counting: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    requests.push({ method: init?.method ?? 'GET', status: response.status });
    return response;
  };
  const transport = new StreamableHTTPClientTransport(new URL('/mcp', baseUrl), {
    requestInit: { headers: { Authorization: `Bearer ${key}`, ...headers } },
    fetch: counting,
  });
  const client = new Client({ name: 'pai-e2e', version: '1.0.0' });
  await client.connect(transport);
  return {
    client,
    requests,
    call: async (name, args = {}) =>
      (await client.callTool({ name, arguments: args })) as CallToolResult,
    close: () => client.close(),
  };
}

export const textOf = (result: CallToolResult) =>
  result.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');
