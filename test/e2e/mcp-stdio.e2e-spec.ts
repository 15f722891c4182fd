import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { bearer, createKey, createUser, type CreatedUser } from '../support/factories.js';
import { startTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/test-app.js';

const BRIDGE = path.resolve('dist/src/cli/mcp-stdio.js');

describe('npm run mcp:stdio: the stdio bridge, spawned and driven by the SDK stdio client', () => {
  let testApp: TestApp;
  let user: CreatedUser;
  let dir: string;
  const clients: Client[] = [];

  const connect = async (args: string[], env: Record<string, string> = {}) => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BRIDGE, '--url', testApp.baseUrl, ...args],
      env: { PATH: process.env.PATH ?? '', HOME: dir, ...env },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'stdio-e2e', version: '1.0.0' });
    await client.connect(transport);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    testApp = await startTestApp();
    user = await createUser(testApp, 'Stdio');
    dir = mkdtempSync(path.join(tmpdir(), 'pai-stdio-'));
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
    await testApp.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('with --key-file (~ expanded): initializes, lists every tool and captures into the key owner account', async () => {
    const keyFile = path.join(dir, '.pai-key');
    writeFileSync(keyFile, `${user.key}\n`);
    chmodSync(keyFile, 0o600);
    const client = await connect(['--key-file', '~/.pai-key']);
    expect(client.getServerVersion()?.name).toBe('pai');
    expect((await client.listTools()).tools).toHaveLength(14);
    const result = (await client.callTool({
      name: 'capture_thought',
      arguments: { content: 'captured through the stdio bridge' },
    })) as CallToolResult;
    const id = (result.structuredContent as { thought: { id: string } }).thought.id;
    const stored = await testApp.http().get(`/api/v1/thoughts/${id}`).set(bearer(user.key));
    expect([stored.status, stored.body.content]).toEqual([
      200,
      'captured through the stdio bridge',
    ]);
    const bad = (await client.callTool({
      name: 'get_thought',
      arguments: { id: 'nope' },
    })) as CallToolResult;
    expect(bad.isError).toBe(true);
  });

  it('with PAI_API_KEY: a read key sees read tools only; after revocation requests fail with 401, not silence', async () => {
    const read = await createKey(testApp, user.userId, { scope: 'read' });
    const client = await connect([], { PAI_API_KEY: read.key });
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    expect(names).toContain('search_thoughts');
    expect(names).not.toContain('capture_thought');
    expect(
      (await testApp.http().delete(`/api/v1/admin/api-keys/${read.id}`).set(bearer(TEST_ADMIN_KEY)))
        .status,
    ).toBe(204);
    await expect(client.listTools()).rejects.toThrow(/401/);
  });

  it('refuses a key on the command line, a missing key and an unreadable key file, on stderr with exit code 2', () => {
    const run = (args: string[], env: Record<string, string> = {}) =>
      spawnSync(process.execPath, [BRIDGE, '--url', testApp.baseUrl, ...args], {
        env: { PATH: process.env.PATH ?? '', ...env },
        encoding: 'utf8',
        input: '',
      });
    const onArgv = run(['--key', user.key]);
    expect([onArgv.status, onArgv.stdout]).toEqual([2, '']);
    expect(onArgv.stderr).toContain('--key is not accepted');
    expect(onArgv.stderr).not.toContain(user.key);
    const missing = run([]);
    expect([missing.status, missing.stderr]).toEqual([2, expect.stringContaining('no API key')]);
    const unreadable = run(['--key-file', path.join(dir, 'absent')]);
    expect([unreadable.status, unreadable.stderr]).toEqual([2, expect.stringContaining('ENOENT')]);
  });
});
