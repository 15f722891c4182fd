import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

export const MCP_STDIO_USAGE = `usage: npm run -s mcp:stdio -- [--url http://host:8000] [--key-file ~/.pai-key]
  Bridges an MCP client that speaks stdio (one JSON-RPC message per line) to PAI's POST /mcp.
  The API key comes from --key-file or the PAI_API_KEY environment variable, never from the
  command line (other users can read a process's arguments). --url defaults to PAI_URL or
  http://localhost:8000.`;

export interface BridgeOptions {
  endpoint: URL;
  key: string;
}

const expandHome = (file: string) =>
  file === '~' || file.startsWith('~/') ? path.join(homedir(), file.slice(1)) : file;

/** The bridge's settings from argv and the environment; throws with a message for the user. */
export function bridgeOptions(argv: string[], env: NodeJS.ProcessEnv): BridgeOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string' },
      'key-file': { type: 'string' },
      key: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) throw new UsageError(MCP_STDIO_USAGE);
  if (values.key !== undefined)
    throw new UsageError(
      '--key is not accepted: put the key in a file (--key-file) or in PAI_API_KEY',
    );
  const raw = values['key-file'] ? readKeyFile(expandHome(values['key-file'])) : env.PAI_API_KEY;
  const key = raw?.trim();
  if (!key)
    throw new UsageError(`no API key: pass --key-file or set PAI_API_KEY\n${MCP_STDIO_USAGE}`);
  if (!/^pai_[A-Za-z0-9_-]{16,}$/.test(key))
    throw new UsageError('the API key does not look like a PAI key (pai_...)');
  const base = values.url ?? env.PAI_URL ?? 'http://localhost:8000';
  let endpoint: URL;
  try {
    endpoint = new URL('/mcp', base);
  } catch {
    throw new UsageError(`--url is not a URL: ${base}`);
  }
  if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:')
    throw new UsageError('--url must be http:// or https://');
  return { endpoint, key };
}

function readKeyFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read the key file ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
}

export class UsageError extends Error {}
