import { EventEmitter } from 'node:events';
import { describe, expect, it } from '@jest/globals';
import type { JSONRPCRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Response } from 'express';
import type { ApiKeyScope } from '../auth/api-key.entity.js';
import type { ConsciousnessService } from '../consciousness/consciousness.service.js';
import type { ProfilesService } from '../profiles/profiles.service.js';
import type { SuggestionsService } from '../suggestions/suggestions.service.js';
import type { TasksService } from '../tasks/tasks.service.js';
import type { Thought } from '../thoughts/thought.entity.js';
import type { ThoughtsService } from '../thoughts/thoughts.service.js';
import { McpServerFactory } from './mcp-server.factory.js';
import { callerInfo } from './mcp-tool.js';

const now = new Date('2026-12-07T03:00:00Z');
const thoughtOf = (userId: string): Thought =>
  ({
    id: `00000000-0000-4000-8000-00000000000${userId === 'ann' ? 1 : 2}`,
    userId,
    content: `${userId}'s garden plan`,
    tags: [userId],
    aiTags: [],
    thoughtType: null,
    status: 'active',
    isActionable: false,
    localOnly: false,
    source: 'api',
    analysisStatus: 'pending',
    analyzedAt: null,
    duplicateOfId: null,
    createdAt: now,
    updatedAt: now,
  }) as unknown as Thought;

/** A thoughts service whose searches wait until released, to hold calls in flight together. */
function heldThoughts() {
  const held: { userId: string; release: () => void }[] = [];
  const service = {
    async list(userId: string) {
      await new Promise<void>((release) => held.push({ userId, release }));
      const thought = thoughtOf(userId);
      return {
        items: [{ thought, rank: 0.5, snippet: thought.content, matched: [] }],
        next_cursor: null,
      };
    },
  };
  return { service: service as unknown as ThoughtsService, held };
}

const factoryWith = (thoughts: ThoughtsService) =>
  new McpServerFactory(
    thoughts,
    {} as TasksService,
    {} as SuggestionsService,
    {} as ConsciousnessService,
    {} as ProfilesService,
  );

function recorder() {
  let body: string | undefined;
  const response = Object.assign(new EventEmitter(), {
    destroyed: false,
    status: () => response,
    setHeader: () => response,
    end: (text: string) => (body = text),
  });
  return { response: response as unknown as Response, body: () => JSON.parse(body!) };
}

const callAs = (userId: string, scope: ApiKeyScope = 'user') => ({
  authInfo: callerInfo({ auth: { keyId: `key-${userId}`, userId, scope }, requestId: 'r' }),
});
const request = (id: number, method: string, params?: Record<string, unknown>): JSONRPCRequest => ({
  jsonrpc: '2.0',
  id,
  method,
  ...(params && { params }),
});
const search = (id: number) =>
  request(id, 'tools/call', { name: 'search_thoughts', arguments: { query: 'garden' } });

describe('McpServerFactory: one shared server per key scope', () => {
  it('two users calling at once, with the same JSON-RPC id, each get their own thoughts', async () => {
    const { service, held } = heldThoughts();
    const factory = factoryWith(service);
    const shared = await factory.sharedTransport('user');
    expect(await factory.sharedTransport('user')).toBe(shared);
    const ann = recorder();
    const bob = recorder();

    const served = [
      shared.serve(search(1), callAs('ann'), ann.response),
      shared.serve(search(1), callAs('bob'), bob.response),
    ];
    while (held.length < 2) await new Promise((resolve) => setImmediate(resolve));
    expect(held.map((call) => call.userId)).toEqual(['ann', 'bob']);
    held[1]!.release();
    held[0]!.release();
    await Promise.all(served);

    for (const [userId, answer] of [
      ['ann', ann.body()],
      ['bob', bob.body()],
    ] as const) {
      expect(answer.id).toBe(1);
      expect(answer.result.structuredContent.items).toEqual([
        expect.objectContaining({ content: `${userId}'s garden plan`, tags: [userId] }),
      ]);
      expect(answer.result.content[0].text).toContain(`${userId}'s garden plan`);
    }
  });

  it("offers each scope only its tools, and a capture key's server no resources", async () => {
    const factory = factoryWith({} as ThoughtsService);
    const toolsOf = async (scope: ApiKeyScope) => {
      const answer = recorder();
      await (
        await factory.sharedTransport(scope)
      ).serve(request(2, 'tools/list'), callAs('ann', scope), answer.response);
      return (answer.body().result.tools as { name: string }[]).map((tool) => tool.name);
    };
    expect(await toolsOf('capture')).toEqual(['capture_thought']);
    expect(await toolsOf('read')).not.toContain('create_task');
    expect(await toolsOf('user')).toContain('create_task');

    const refused = recorder();
    await (
      await factory.sharedTransport('read')
    ).serve(
      request(3, 'tools/call', { name: 'create_task', arguments: { title: 'x' } }),
      callAs('ann', 'read'),
      refused.response,
    );
    expect(refused.body().result).toMatchObject({
      isError: true,
      content: [{ text: expect.stringContaining('create_task not found') }],
    });
    const resources = recorder();
    await (
      await factory.sharedTransport('capture')
    ).serve(request(4, 'resources/list'), callAs('ann', 'capture'), resources.response);
    expect(resources.body().error).toMatchObject({ code: -32601 });
  });

  it('a request that reaches a shared server without a caller is refused, not served as anyone', async () => {
    const { service, held } = heldThoughts();
    const shared = await factoryWith(service).sharedTransport('user');
    const answer = recorder();
    const forged = { authInfo: { token: '', clientId: 'key-ann', scopes: ['user'] } };

    await shared.serve(search(5), forged, answer.response);

    expect(held).toEqual([]);
    expect(answer.body().result).toMatchObject({
      isError: true,
      content: [{ text: expect.stringContaining('without a caller') }],
    });
  });
});
