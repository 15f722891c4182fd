import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { isJSONRPCRequest, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { bridgeOptions, UsageError } from './mcp-stdio-options.js';

/**
 * stdio <-> Streamable HTTP, message for message: clients that can only start a local
 * process (Claude Desktop) reach the same endpoint, keys and scopes as everyone else.
 * stdout carries the protocol only; everything for people goes to stderr.
 */
const say = (line: string) => process.stderr.write(`pai mcp:stdio: ${line}\n`);

async function main(): Promise<void> {
  const { endpoint, key } = bridgeOptions(process.argv.slice(2), process.env);
  const remote = new StreamableHTTPClientTransport(endpoint, {
    requestInit: { headers: { Authorization: `Bearer ${key}` } },
  });
  const local = new StdioServerTransport();

  local.onmessage = (message: JSONRPCMessage) => {
    remote.send(message).catch((error: Error) => {
      say(`${endpoint.href}: ${error.message}`);
      // A request must get an answer, or the client waits for ever.
      if (isJSONRPCRequest(message)) {
        void local.send({
          jsonrpc: '2.0',
          id: message.id,
          error: { code: -32000, message: `PAI at ${endpoint.origin}: ${error.message}` },
        });
      }
    });
  };
  remote.onmessage = (message) => void local.send(message);
  remote.onerror = (error) => say(error.message);
  local.onerror = (error) => say(error.message);
  const stop = () => void remote.close().finally(() => process.exit(0));
  local.onclose = stop;
  // The client closing our stdin is how it says goodbye.
  process.stdin.once('end', stop);

  await remote.start();
  await local.start();
  say(`bridging stdio to ${endpoint.href}`);
}

main().catch((error: unknown) => {
  say(
    error instanceof UsageError
      ? error.message
      : `failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(2);
});
