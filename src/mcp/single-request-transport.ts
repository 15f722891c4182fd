import type { IncomingHttpHeaders } from 'node:http';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { isJsonContentType } from '@modelcontextprotocol/sdk/shared/mediaType.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  type JSONRPCMessage,
  type JSONRPCRequest,
  SUPPORTED_PROTOCOL_VERSIONS,
} from '@modelcontextprotocol/sdk/types.js';
import type { Request, Response } from 'express';

/**
 * The SDK's own Transport interface, for the request that is nearly every MCP call: one
 * JSON-RPC request (not a batch, not initialize) with the headers the Streamable HTTP
 * transport would accept. Its answer is exactly what that transport answers in stateless
 * JSON mode (200, application/json, the JSON-RPC response), without the round trip through
 * web Request/Response objects, stream bookkeeping and per-message schema checks that cost
 * about 0.6 ms of CPU per call (measured: see bench/mcp.ts). Everything else, and every
 * error the transport itself would answer, still goes to the SDK's transport.
 */
export class SingleRequestTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: Transport['onmessage'];
  private answer!: (message: JSONRPCMessage) => void;
  private readonly answered = new Promise<JSONRPCMessage>((resolve) => (this.answer = resolve));

  private constructor(private readonly request: JSONRPCRequest) {}

  /**
   * The transport for this request, or undefined when the SDK's Streamable HTTP transport
   * must handle it (it then also answers every protocol error itself).
   */
  static for(request: Request, body: unknown): SingleRequestTransport | undefined {
    const accept = request.headers.accept ?? '';
    const version = request.headers['mcp-protocol-version'];
    const plain =
      accept.includes('application/json') &&
      accept.includes('text/event-stream') &&
      isJsonContentType(request.headers['content-type'] ?? null) &&
      (version === undefined ||
        (typeof version === 'string' && SUPPORTED_PROTOCOL_VERSIONS.includes(version)));
    if (!plain || !isPlainRequest(body) || body.method === 'initialize') return undefined;
    return new SingleRequestTransport(body);
  }

  async start(): Promise<void> {}

  /** Notifications a handler sends on the way are dropped, as the SDK's JSON response mode drops them. */
  async send(message: JSONRPCMessage): Promise<void> {
    if (
      'id' in message &&
      message.id === this.request.id &&
      ('result' in message || 'error' in message)
    )
      this.answer(message);
  }

  async close(): Promise<void> {
    this.onclose?.();
  }

  /** Hands the request to the connected server and writes its response. */
  async serve(server: McpServer, headers: IncomingHttpHeaders, response: Response): Promise<void> {
    await server.connect(this);
    this.onmessage?.(this.request, { requestInfo: { headers } });
    const message = await this.answered;
    if (response.destroyed) return;
    response.status(200).setHeader('Content-Type', 'application/json');
    response.end(JSON.stringify(message));
  }
}

const ENVELOPE = new Set(['jsonrpc', 'id', 'method', 'params']);

/**
 * What the SDK's JSONRPCRequestSchema accepts (strict envelope, string or integer id, params
 * an object), checked by hand: the schema parse cost a tenth of a millisecond a call. Params
 * with `_meta` go to the SDK's transport, which validates that too.
 */
function isPlainRequest(body: unknown): body is JSONRPCRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const message = body as Record<string, unknown>;
  const params = message.params as Record<string, unknown> | undefined;
  return (
    message.jsonrpc === '2.0' &&
    (typeof message.id === 'string' || Number.isSafeInteger(message.id)) &&
    typeof message.method === 'string' &&
    (params === undefined ||
      (typeof params === 'object' &&
        params !== null &&
        !Array.isArray(params) &&
        params._meta === undefined)) &&
    Object.keys(message).every((key) => ENVELOPE.has(key))
  );
}
