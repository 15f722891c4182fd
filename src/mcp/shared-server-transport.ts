import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { isJsonContentType } from '@modelcontextprotocol/sdk/shared/mediaType.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  type JSONRPCMessage,
  type JSONRPCRequest,
  type MessageExtraInfo,
  type RequestId,
  SUPPORTED_PROTOCOL_VERSIONS,
} from '@modelcontextprotocol/sdk/types.js';
import type { Request, Response } from 'express';

/**
 * The request that is nearly every MCP call: one JSON-RPC request (not a batch, not
 * initialize) with the headers the SDK's Streamable HTTP transport would accept; undefined
 * for anything else, which that transport then handles (and answers every protocol error of).
 */
export function plainRequest(request: Request, body: unknown): JSONRPCRequest | undefined {
  const accept = request.headers.accept ?? '';
  const version = request.headers['mcp-protocol-version'];
  const plain =
    accept.includes('application/json') &&
    accept.includes('text/event-stream') &&
    isJsonContentType(request.headers['content-type'] ?? null) &&
    (version === undefined ||
      (typeof version === 'string' && SUPPORTED_PROTOCOL_VERSIONS.includes(version)));
  return plain && isPlainRequest(body) && body.method !== 'initialize' ? body : undefined;
}

interface Pending {
  /** The id the client sent, put back on the answer. */
  id: RequestId;
  answer: (message: JSONRPCMessage | undefined) => void;
}

/**
 * The SDK's Transport interface, connected once to a long-lived McpServer and shared by every
 * plain request (see plainRequest) of one key scope: building and connecting a server per
 * request cost about 0.1 ms of CPU and its garbage. Its answer is what the Streamable HTTP
 * transport answers in stateless JSON mode (200, application/json, the JSON-RPC response),
 * without the round trip through web Request/Response objects.
 *
 * The server's Protocol keeps its in-flight requests by JSON-RPC id, and ids are only unique
 * per client: each request gets a fresh id of this transport's own on the way in, and its
 * answer gets the client's id back on the way out. Who calls travels with each request as
 * `extra.authInfo` (the SDK hands it to that request's handler), never as server state.
 */
export class SharedServerTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: Transport['onmessage'];
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();

  private constructor() {}

  static async connect(server: McpServer): Promise<SharedServerTransport> {
    const transport = new SharedServerTransport();
    await server.connect(transport);
    return transport;
  }

  /** Requests handed to the server and not yet answered (or cancelled). */
  get inFlight(): number {
    return this.pending.size;
  }

  async start(): Promise<void> {}

  /**
   * Only answers to requests go anywhere. Notifications a handler sends on the way are dropped,
   * as the SDK's JSON response mode drops them.
   */
  async send(message: JSONRPCMessage): Promise<void> {
    if (!('id' in message) || !('result' in message || 'error' in message)) return;
    const pending = this.pending.get(message.id as number);
    if (!pending) return;
    this.pending.delete(message.id as number);
    // The message is the Protocol's own, built for this send: the id is put back in place.
    message.id = pending.id;
    pending.answer(message);
  }

  async close(): Promise<void> {
    for (const pending of this.pending.values()) pending.answer(undefined);
    this.pending.clear();
    this.onclose?.();
  }

  /**
   * Hands the request to the server and resolves with its answer, or with undefined when
   * `cancel` was called first: the handler is then aborted (as the SDK aborts a request whose
   * client sent notifications/cancelled) and its answer is never sent.
   */
  dispatch(
    request: JSONRPCRequest,
    extra: MessageExtraInfo,
  ): { answer: Promise<JSONRPCMessage | undefined>; cancel: () => void } {
    const id = ++this.nextId;
    let answer!: Pending['answer'];
    const answered = new Promise<JSONRPCMessage | undefined>((resolve) => (answer = resolve));
    this.pending.set(id, { id: request.id, answer });
    this.onmessage?.({ ...request, id }, extra);
    const cancel = () => {
      if (!this.pending.delete(id)) return;
      answer(undefined);
      this.onmessage?.({
        jsonrpc: '2.0',
        method: 'notifications/cancelled',
        params: { requestId: id, reason: 'the client went away' },
      });
    };
    return { answer: answered, cancel };
  }

  /**
   * Serves one plain request: the JSON-RPC response, 200 application/json. A client gone
   * before the answer cancels the request instead.
   */
  async serve(request: JSONRPCRequest, extra: MessageExtraInfo, response: Response) {
    const { answer, cancel } = this.dispatch(request, extra);
    response.on('close', cancel);
    const message = await answer;
    if (!message || response.destroyed) return;
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
