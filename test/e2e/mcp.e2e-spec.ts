import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SuggestionsService } from '../../src/suggestions/suggestions.service.js';
import {
  bearer,
  captureThought,
  createKey,
  createUser,
  type CreatedUser,
} from '../support/factories.js';
import { connectMcp, type McpSession, textOf } from '../support/mcp-client.js';
import { startTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/test-app.js';

const ALL_TOOLS = [
  'capture_thought',
  'search_thoughts',
  'get_thought',
  'recent_thoughts',
  'related_thoughts',
  'list_tasks',
  'create_task',
  'update_task',
  'list_task_suggestions',
  'accept_suggestion',
  'reject_suggestion',
  'run_consciousness_check',
  'latest_insights',
  'get_profile',
];
const READ_TOOLS = [
  'search_thoughts',
  'get_thought',
  'recent_thoughts',
  'related_thoughts',
  'list_tasks',
  'list_task_suggestions',
  'latest_insights',
  'get_profile',
];
const ALLOWED_ORIGIN = 'http://assistant.example';

describe('MCP server at POST /mcp', () => {
  let testApp: TestApp;
  let ann: CreatedUser;
  let bob: CreatedUser;
  const sessions: McpSession[] = [];

  const session = async (key: string, headers?: Record<string, string>) => {
    const opened = await connectMcp(testApp.baseUrl, key, headers);
    sessions.push(opened);
    return opened;
  };

  const suggest = async (user: CreatedUser, title: string) => {
    const thought = await captureThought(testApp, user.key, `I should ${title.toLowerCase()} soon`);
    const result = await testApp.app
      .get(SuggestionsService)
      .offer(
        user.userId,
        [{ title, priority: 'high', confidence: 0.9, evidence: title.toLowerCase() }],
        {
          sourceThoughtId: thought.id,
          origin: 'analysis',
          backend: 'mock',
          model: 'mock',
          mode: 'suggest',
          threshold: 0.85,
        },
      );
    return result.offered[0]!.suggestion;
  };

  beforeAll(async () => {
    testApp = await startTestApp({
      env: { CORS_ORIGINS: ALLOWED_ORIGIN, RATE_LIMIT_PER_MINUTE: '100000' },
    });
    ann = await createUser(testApp, 'Ann');
    bob = await createUser(testApp, 'Bob');
  });

  afterAll(async () => {
    await Promise.all(sessions.map((opened) => opened.close().catch(() => undefined)));
    await testApp.close();
  });

  it('initializes: server info, instructions and capabilities', async () => {
    const { client } = await session(ann.key);
    expect(client.getServerVersion()).toMatchObject({ name: 'pai', version: expect.any(String) });
    expect(client.getInstructions()).toContain('long-term memory');
    expect(client.getServerCapabilities()).toMatchObject({
      tools: expect.any(Object),
      resources: expect.any(Object),
      prompts: expect.any(Object),
    });
  });

  it('lists the tools each scope may use, each with schemas and annotations', async () => {
    const readKey = (await createKey(testApp, ann.userId, { scope: 'read' })).key;
    const captureKey = (await createKey(testApp, ann.userId, { scope: 'capture' })).key;
    const names = async (key: string) =>
      (await (await session(key)).client.listTools()).tools.map((tool) => tool.name);
    expect(await names(ann.key)).toEqual(ALL_TOOLS);
    expect(await names(TEST_ADMIN_KEY)).toEqual(ALL_TOOLS);
    expect(await names(readKey)).toEqual(READ_TOOLS);
    expect(await names(captureKey)).toEqual(['capture_thought']);

    const { tools } = await (await session(ann.key)).client.listTools();
    for (const tool of tools) {
      expect([
        tool.name,
        typeof tool.description,
        tool.inputSchema.type,
        tool.outputSchema?.type,
      ]).toEqual([tool.name, 'string', 'object', 'object']);
      expect(tool.description!.length).toBeGreaterThan(40);
      const { readOnlyHint, destructiveHint, idempotentHint } = tool.annotations ?? {};
      expect([
        tool.name,
        typeof readOnlyHint,
        typeof destructiveHint,
        typeof idempotentHint,
      ]).toEqual([tool.name, 'boolean', 'boolean', 'boolean']);
      expect([tool.name, readOnlyHint]).toEqual([tool.name, READ_TOOLS.includes(tool.name)]);
    }
  });

  it('a read key cannot call a write tool, and a capture key sees no resources or prompts', async () => {
    const reader = await session((await createKey(testApp, ann.userId, { scope: 'read' })).key);
    const refused = await reader.call('create_task', { title: 'should not exist' });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toContain('create_task not found');
    const tasks = await testApp.http().get('/api/v1/tasks').set(bearer(ann.key));
    expect(tasks.body.items.map((task: { title: string }) => task.title)).not.toContain(
      'should not exist',
    );
    expect(
      (await reader.client.listResources()).resources.map((resource) => resource.uri).sort(),
    ).toEqual(['pai://insights/latest', 'pai://profile', 'pai://tasks/today']);

    const capturer = await session(
      (await createKey(testApp, ann.userId, { scope: 'capture' })).key,
    );
    await expect(capturer.client.listResources()).rejects.toThrow(/Method not found/);
    await expect(capturer.client.listPrompts()).rejects.toThrow(/Method not found/);
    const search = await capturer.call('search_thoughts', { query: 'anything' });
    expect([search.isError, textOf(search)]).toEqual([
      true,
      expect.stringContaining('search_thoughts not found'),
    ]);
  });

  it('capture_thought: captures, replays an idempotency_key, refuses bad arguments with the contract message', async () => {
    const mcp = await session(ann.key);
    const idempotencyKey = randomUUID();
    const first = await mcp.call('capture_thought', {
      content: 'Renew the passport before June #admin',
      idempotency_key: idempotencyKey,
    });
    expect(first.isError).toBeFalsy();
    const { thought, created } = first.structuredContent as {
      thought: { id: string; content: string; tags: string[] };
      created: boolean;
    };
    expect([created, thought.content]).toEqual([true, 'Renew the passport before June #admin']);
    const rest = await testApp.http().get(`/api/v1/thoughts/${thought.id}`).set(bearer(ann.key));
    expect([rest.status, rest.body.content]).toEqual([200, thought.content]);

    const replay = await mcp.call('capture_thought', {
      content: 'Renew the passport before June #admin',
      idempotency_key: idempotencyKey,
    });
    expect(replay.structuredContent).toMatchObject({ created: false, thought: { id: thought.id } });
    const reused = await mcp.call('capture_thought', {
      content: 'something else',
      idempotency_key: idempotencyKey,
    });
    expect([reused.isError, textOf(reused)]).toEqual([
      true,
      'Idempotency-Key was already used with a different request body',
    ]);

    const bad: Array<[Record<string, unknown>, string]> = [
      [{ content: '   ' }, 'content must not be empty'],
      [{ content: 'a\u0000b' }, 'content must not contain NUL characters'],
      [{}, 'content'],
      [{ content: 'x', colour: 'red' }, 'colour'],
      [{ content: 'x', thought_type: 'poem' }, 'thought_type'],
    ];
    for (const [args, message] of bad) {
      const result = await mcp.call('capture_thought', args);
      expect([args, result.isError, textOf(result)]).toEqual([
        args,
        true,
        expect.stringContaining(message),
      ]);
    }
  });

  it('search_thoughts: hits with snippets and why they matched; get_thought, related_thoughts; bad arguments', async () => {
    const mcp = await session(ann.key);
    const word = `zebrafinch${randomUUID().slice(0, 6)}`;
    const first = await captureThought(
      testApp,
      ann.key,
      `Buy seed for the ${word} and clean the cage`,
    );
    await captureThought(
      testApp,
      ann.key,
      `The ${word} sang all morning; clean the cage on Sunday`,
    );
    const found = await mcp.call('search_thoughts', { query: word, limit: 5 });
    expect(found.isError).toBeFalsy();
    const hits = (
      found.structuredContent as {
        items: Array<{
          id: string;
          snippet: string;
          matched_terms: string[];
          match: string;
          why: string;
        }>;
      }
    ).items;
    expect(hits).toHaveLength(2);
    for (const hit of hits) {
      expect(hit.matched_terms).toEqual([word]);
      expect(hit.match).toBe('full_text');
      expect(hit.why).toContain(`"${word}"`);
      expect(hit.snippet).toContain(`«${word}»`);
    }
    expect(textOf(found)).toContain('why: full-text match');

    const one = await mcp.call('get_thought', { id: first.id });
    expect(one.structuredContent).toMatchObject({
      thought: { id: first.id, content: first.content },
    });
    const related = await mcp.call('related_thoughts', { id: first.id });
    expect(
      (related.structuredContent as { items: Array<{ thought: { id: string } }> }).items.map(
        (item) => item.thought.id,
      ),
    ).not.toContain(first.id);

    const bad: Array<[string, Record<string, unknown>, string]> = [
      ['search_thoughts', { query: '' }, 'query must not be empty'],
      ['search_thoughts', { query: 'x', limit: 0 }, 'limit'],
      ['get_thought', { id: 'not-a-uuid' }, 'id must be a UUID'],
      ['get_thought', { id: randomUUID() }, 'thought not found'],
      ['related_thoughts', { id: randomUUID() }, 'thought not found'],
    ];
    for (const [tool, args, message] of bad) {
      const result = await mcp.call(tool, args);
      expect([tool, result.isError, textOf(result)]).toEqual([
        tool,
        true,
        expect.stringContaining(message),
      ]);
    }
  });

  it("recent_thoughts: a window of whole days in the user's time zone", async () => {
    const user = await createUser(testApp, 'Zoned');
    const zone = 'Pacific/Kiritimati'; // UTC+14: "today" there is often tomorrow in UTC
    const profile = await testApp.http().get('/api/v1/profile').set(bearer(user.key));
    const put = await testApp
      .http()
      .put('/api/v1/profile')
      .set(bearer(user.key))
      .send({
        ongoing_projects: [],
        work_patterns: {},
        goals: [],
        preferences: {},
        ...pickProfile(profile.body),
        timezone: zone,
      });
    expect(put.status).toBe(200);
    const thought = await captureThought(testApp, user.key, 'A thought for today, Kiritimati time');
    const mcp = await session(user.key);
    const result = await mcp.call('recent_thoughts', { days: 1 });
    const data = result.structuredContent as {
      window: Record<string, string>;
      items: Array<{ id: string }>;
    };
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
    expect(data.window).toMatchObject({ time_zone: zone, from_date: today, to_date: today });
    // Local midnight in UTC+14 is 10:00 UTC the day before.
    const [y, m, d] = today.split('-').map(Number) as [number, number, number];
    expect(data.window.since).toBe(new Date(Date.UTC(y, m - 1, d) - 14 * 3_600_000).toISOString());
    expect(data.items.map((item) => item.id)).toEqual([thought.id]);
    expect(textOf(result)).toContain(zone);

    const yesterday = await mcp.call('recent_thoughts', { days: 1, end_date: '2020-01-01' });
    expect((yesterday.structuredContent as { items: unknown[] }).items).toEqual([]);
    for (const [args, message] of [
      [{ days: 0 }, 'days'],
      [{ days: 91 }, 'days'],
      [{ end_date: '2026-02-30' }, 'end_date must be a date (YYYY-MM-DD)'],
    ] as const) {
      const bad = await mcp.call('recent_thoughts', args);
      expect([args, bad.isError, textOf(bad)]).toEqual([
        args,
        true,
        expect.stringContaining(message),
      ]);
    }
  });

  it('tasks: create, list with filters, complete and reschedule; bad arguments', async () => {
    const user = await createUser(testApp, 'Tasks');
    const mcp = await session(user.key);
    const created = await mcp.call('create_task', {
      title: 'File the tax return',
      priority: 'high',
      due_date: '2030-04-10',
    });
    expect(created.isError).toBeFalsy();
    const task = (created.structuredContent as { task: { id: string; status: string } }).task;
    expect(task.status).toBe('pending');
    await mcp.call('create_task', { title: 'Low thing', priority: 'low' });

    const high = await mcp.call('list_tasks', { priority: ['high'] });
    expect(
      (high.structuredContent as { items: Array<{ id: string }> }).items.map((item) => item.id),
    ).toEqual([task.id]);

    const moved = await mcp.call('update_task', {
      id: task.id,
      due_date: '2030-05-01',
      due_time: '09:30',
    });
    expect(moved.structuredContent).toMatchObject({
      task: { due_date: '2030-05-01', due_time: '09:30' },
    });
    const done = await mcp.call('update_task', { id: task.id, status: 'done' });
    expect(done.structuredContent).toMatchObject({
      task: { status: 'done', completed_at: expect.any(String) },
    });
    const rest = await testApp.http().get(`/api/v1/tasks/${task.id}`).set(bearer(user.key));
    expect(rest.body).toMatchObject({ status: 'done', due_date: '2030-05-01' });
    const open = await mcp.call('list_tasks', {});
    expect(
      (open.structuredContent as { items: Array<{ id: string }> }).items.map((item) => item.id),
    ).not.toContain(task.id);

    const bad: Array<[string, Record<string, unknown>, string]> = [
      ['create_task', { title: '' }, 'title must not be empty'],
      [
        'create_task',
        { title: 'x', due_date: '2026-02-30' },
        'due_date must be a date (YYYY-MM-DD)',
      ],
      ['create_task', { title: 'x', priority: 'asap' }, 'priority'],
      ['update_task', { id: randomUUID(), status: 'done' }, 'task not found'],
      ['update_task', { id: task.id }, 'no changes given'],
      ['update_task', { id: task.id, due_time: '25:00' }, 'due_time must be a time (HH:MM, 24 h)'],
      ['list_tasks', { status: ['someday'] }, 'status'],
    ];
    for (const [tool, args, message] of bad) {
      const result = await mcp.call(tool, args);
      expect([tool, args, result.isError, textOf(result)]).toEqual([
        tool,
        args,
        true,
        expect.stringContaining(message),
      ]);
    }
  });

  it('suggestions: list, accept (edited) and reject; bad arguments', async () => {
    const user = await createUser(testApp, 'Suggest');
    const first = await suggest(user, 'Call the plumber');
    const second = await suggest(user, 'Sort the photos');
    const mcp = await session(user.key);
    const listed = await mcp.call('list_task_suggestions', {});
    expect(
      (listed.structuredContent as { items: Array<{ id: string }> }).items
        .map((item) => item.id)
        .sort(),
    ).toEqual([first.id, second.id].sort());
    expect(textOf(listed)).toContain('confidence 0.90');

    const accepted = await mcp.call('accept_suggestion', {
      id: first.id,
      title: 'Call the plumber on Monday',
      priority: 'urgent',
    });
    expect(accepted.structuredContent).toMatchObject({
      task: {
        title: 'Call the plumber on Monday',
        priority: 'urgent',
        source_suggestion_id: first.id,
      },
    });
    const rejected = await mcp.call('reject_suggestion', { id: second.id, reason: 'not needed' });
    expect(rejected.structuredContent).toMatchObject({
      suggestion: { id: second.id, status: 'rejected' },
    });
    expect((await mcp.call('list_task_suggestions', {})).structuredContent).toMatchObject({
      items: [],
    });

    const again = await mcp.call('accept_suggestion', { id: first.id });
    expect([again.isError, textOf(again)]).toEqual([
      true,
      expect.stringMatching(/already|not pending/),
    ]);
    for (const [tool, args, message] of [
      ['accept_suggestion', { id: randomUUID() }, 'not found'],
      ['reject_suggestion', { id: 'nope' }, 'id must be a UUID'],
      ['list_task_suggestions', { status: 'maybe' }, 'status'],
    ] as const) {
      const result = await mcp.call(tool, args);
      expect([tool, result.isError, textOf(result)]).toEqual([
        tool,
        true,
        expect.stringContaining(message),
      ]);
    }
  });

  it('insights and profile: run a check, latest_insights returns it, get_profile; unknown arguments refused', async () => {
    const user = await createUser(testApp, 'Insight');
    await captureThought(testApp, user.key, 'Worried about the garden shed project again');
    const mcp = await session(user.key);
    expect((await mcp.call('latest_insights', {})).structuredContent).toEqual({ check: null });
    const ran = await mcp.call('run_consciousness_check', {});
    expect(ran.isError).toBeFalsy();
    const check = (ran.structuredContent as { check: { id: string; new_thought_count: number } })
      .check;
    expect(check.new_thought_count).toBe(1);
    expect((await mcp.call('latest_insights', {})).structuredContent).toMatchObject({
      check: { id: check.id },
    });
    const profile = await mcp.call('get_profile', {});
    expect(profile.structuredContent).toMatchObject({
      profile: { timezone: expect.any(String), goals: expect.any(Array) },
    });
    for (const tool of ['run_consciousness_check', 'latest_insights', 'get_profile']) {
      const result = await mcp.call(tool, { verbose: true });
      expect([tool, result.isError, textOf(result)]).toEqual([
        tool,
        true,
        expect.stringContaining('verbose'),
      ]);
    }
  });

  it('resources and prompts: profile, latest insights, tasks due today; weekly review and plan my day', async () => {
    const user = await createUser(testApp, 'Planner');
    const today = new Date().toISOString().slice(0, 10);
    await testApp
      .http()
      .post('/api/v1/tasks')
      .set(bearer(user.key))
      .send({ title: 'Pay the electricity bill', due_date: today });
    const doneTask = await testApp
      .http()
      .post('/api/v1/tasks')
      .set(bearer(user.key))
      .send({ title: 'Book the dentist' });
    await testApp
      .http()
      .patch(`/api/v1/tasks/${doneTask.body.id}`)
      .set(bearer(user.key))
      .send({ status: 'done' });
    await suggest(user, 'Water the tomatoes');
    const mcp = await session((await createKey(testApp, user.userId, { scope: 'read' })).key);

    const tasksToday = await mcp.client.readResource({ uri: 'pai://tasks/today' });
    const body = JSON.parse((tasksToday.contents[0] as { text: string }).text);
    expect(body).toMatchObject({ date: today, time_zone: 'UTC' });
    expect(body.items.map((task: { title: string }) => task.title)).toEqual([
      'Pay the electricity bill',
    ]);
    const profile = JSON.parse(
      ((await mcp.client.readResource({ uri: 'pai://profile' })).contents[0] as { text: string })
        .text,
    );
    expect(profile.timezone).toBe('UTC');
    expect(
      JSON.parse(
        (
          (await mcp.client.readResource({ uri: 'pai://insights/latest' })).contents[0] as {
            text: string;
          }
        ).text,
      ),
    ).toBeNull();

    expect((await mcp.client.listPrompts()).prompts.map((prompt) => prompt.name).sort()).toEqual([
      'plan_my_day',
      'weekly_review',
    ]);
    const plan = await mcp.client.getPrompt({ name: 'plan_my_day' });
    const planText = (plan.messages[0]!.content as { text: string }).text;
    expect(planText).toContain('Pay the electricity bill');
    expect(planText).toContain('Water the tomatoes');
    const review = await mcp.client.getPrompt({ name: 'weekly_review' });
    expect((review.messages[0]!.content as { text: string }).text).toContain('Book the dentist');
  });

  it("another user's data is never reachable, and an admin key acts as its own user", async () => {
    const secret = `okapi${randomUUID().slice(0, 8)}`;
    const annThought = await captureThought(testApp, ann.key, `My secret plan about the ${secret}`);
    const annTask = await testApp
      .http()
      .post('/api/v1/tasks')
      .set(bearer(ann.key))
      .send({ title: `Task about ${secret}` });
    const annSuggestion = await suggest(ann, `Think about the ${secret}`);
    for (const key of [bob.key, TEST_ADMIN_KEY]) {
      const mcp = await session(key);
      const search = await mcp.call('search_thoughts', { query: secret });
      expect((search.structuredContent as { items: unknown[] }).items).toEqual([]);
      const recent = await mcp.call('recent_thoughts', { days: 2, limit: 100 });
      expect(JSON.stringify(recent.structuredContent)).not.toContain(secret);
      for (const [tool, args, message] of [
        ['get_thought', { id: annThought.id }, 'thought not found'],
        ['related_thoughts', { id: annThought.id }, 'thought not found'],
        ['update_task', { id: annTask.body.id, status: 'done' }, 'task not found'],
        ['accept_suggestion', { id: annSuggestion.id }, 'not found'],
        ['reject_suggestion', { id: annSuggestion.id }, 'not found'],
        ['create_task', { title: 'x', source_thought_id: annThought.id }, 'thought not found'],
      ] as const) {
        const result = await mcp.call(tool, args);
        expect([tool, result.isError, textOf(result)]).toEqual([
          tool,
          true,
          expect.stringContaining(message),
        ]);
      }
      const tasks = await mcp.call('list_tasks', { status: ['pending', 'done'] });
      expect(JSON.stringify(tasks.structuredContent)).not.toContain(secret);
    }
    // Ann's task is untouched.
    expect(
      (await testApp.http().get(`/api/v1/tasks/${annTask.body.id}`).set(bearer(ann.key))).body
        .status,
    ).toBe('pending');
    // The admin's capture lands in the admin's own account.
    const admin = await session(TEST_ADMIN_KEY);
    const captured = await admin.call('capture_thought', { content: `admin note ${secret}` });
    const id = (captured.structuredContent as { thought: { id: string } }).thought.id;
    expect((await testApp.http().get(`/api/v1/thoughts/${id}`).set(bearer(ann.key))).status).toBe(
      404,
    );
    expect(
      (await testApp.http().get(`/api/v1/thoughts/${id}`).set(bearer(TEST_ADMIN_KEY))).status,
    ).toBe(200);
  });

  it('calls from two users at once, each with JSON-RPC id 1, each get their own thoughts', async () => {
    const word = `quokka${randomUUID().slice(0, 8)}`;
    await captureThought(testApp, ann.key, `Ann's ${word} note`);
    await captureThought(testApp, bob.key, `Bob's ${word} note`);
    const callers = [ann, bob, ann, bob, ann, bob];
    const answers = await Promise.all(
      callers.map((user) =>
        testApp
          .http()
          .post('/mcp')
          .set(bearer(user.key))
          .set('Accept', 'application/json, text/event-stream')
          .send({
            jsonrpc: '2.0',
            id: 1,
            method: 'tools/call',
            params: { name: 'search_thoughts', arguments: { query: word } },
          }),
      ),
    );
    answers.forEach((answer, index) => {
      const owner = callers[index] === ann ? 'Ann' : 'Bob';
      expect([answer.status, answer.body.id]).toEqual([200, 1]);
      const items = answer.body.result.structuredContent.items as { content: string }[];
      expect(items.map((item) => item.content)).toEqual([`${owner}'s ${word} note`]);
    });
  });

  it('a revoked key is refused at once, mid-session', async () => {
    const { key, id } = await createKey(testApp, ann.userId, { scope: 'user' });
    const mcp = await session(key);
    expect((await mcp.client.listTools()).tools.length).toBe(ALL_TOOLS.length);
    expect(
      (await testApp.http().delete(`/api/v1/admin/api-keys/${id}`).set(bearer(TEST_ADMIN_KEY)))
        .status,
    ).toBe(204);
    await expect(mcp.client.listTools()).rejects.toThrow(/401/);
    await expect(mcp.call('capture_thought', { content: 'after revocation' })).rejects.toThrow(
      /401/,
    );
  });

  it('checks Origin against DNS rebinding; GET and DELETE are 405 for a stateless server', async () => {
    const post = (headers: Record<string, string>) =>
      testApp
        .http()
        .post('/mcp')
        .set(bearer(ann.key))
        .set('Accept', 'application/json, text/event-stream')
        .set(headers)
        .send({ jsonrpc: '2.0', id: 1, method: 'ping' });
    const rebound = await post({ Origin: 'http://attacker.example:8000' });
    expect(rebound.status).toBe(403);
    expect(rebound.body).toMatchObject({
      status_code: 403,
      error: 'Forbidden',
      message: expect.stringContaining('Origin'),
      request_id: expect.any(String),
    });
    expect((await post({ Origin: ALLOWED_ORIGIN })).body).toEqual({
      jsonrpc: '2.0',
      id: 1,
      result: {},
    });
    expect((await post({})).body).toEqual({ jsonrpc: '2.0', id: 1, result: {} });
    // The SDK client with a foreign Origin fails to initialize.
    await expect(
      connectMcp(testApp.baseUrl, ann.key, { Origin: 'http://attacker.example' }),
    ).rejects.toThrow(/403/);

    for (const method of ['get', 'delete'] as const) {
      const client = testApp.http();
      const response = await client[method]('/mcp')
        .set(bearer(ann.key))
        .set('Accept', 'text/event-stream');
      expect([method, response.status, response.headers.allow]).toEqual([method, 405, 'POST']);
      expect(response.body).toMatchObject({
        status_code: 405,
        message: expect.stringContaining('stateless'),
      });
    }
    expect(
      (await testApp.http().post('/mcp').send({ jsonrpc: '2.0', id: 1, method: 'ping' })).status,
    ).toBe(401);
  });

  it('answers as the Streamable HTTP transport does: 406, 400 for an unknown protocol version, 202 for a notification, a batch as an array', async () => {
    const post = (body: object, headers: Record<string, string> = {}) =>
      testApp
        .http()
        .post('/mcp')
        .set(bearer(ann.key))
        .set('Accept', 'application/json, text/event-stream')
        .set(headers)
        .send(body);
    const ping = { jsonrpc: '2.0', id: 5, method: 'ping' };

    const single = await post(ping, { 'Mcp-Protocol-Version': '2025-06-18' });
    expect([single.status, single.headers['content-type'], single.body]).toEqual([
      200,
      expect.stringMatching(/^application\/json/),
      { jsonrpc: '2.0', id: 5, result: {} },
    ]);
    const notAcceptable = await post(ping, { Accept: 'application/json' });
    expect(notAcceptable.status).toBe(406);
    expect(notAcceptable.body).toMatchObject({
      jsonrpc: '2.0',
      error: { code: -32000, message: expect.stringContaining('Not Acceptable') },
    });
    const unknownVersion = await post(ping, { 'Mcp-Protocol-Version': '1999-01-01' });
    expect(unknownVersion.status).toBe(400);
    expect(unknownVersion.body).toMatchObject({
      error: { message: expect.stringContaining('Unsupported protocol version') },
    });
    const notification = await post({ jsonrpc: '2.0', method: 'notifications/initialized' });
    expect([notification.status, notification.text]).toEqual([202, '']);
    const batch = await post([ping, { jsonrpc: '2.0', id: 6, method: 'tools/list' }]);
    expect(batch.status).toBe(200);
    expect(batch.body).toEqual([
      { jsonrpc: '2.0', id: 5, result: {} },
      expect.objectContaining({ id: 6, result: { tools: expect.any(Array) } }),
    ]);
    const unknownMethod = await post({ jsonrpc: '2.0', id: 'u', method: 'no/such/method' });
    expect([unknownMethod.status, unknownMethod.body]).toEqual([
      200,
      { jsonrpc: '2.0', id: 'u', error: expect.objectContaining({ code: -32601 }) },
    ]);
  });
});

describe('MCP and REST share one rate limit per key', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '12' } });
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('MCP requests count against REST and REST requests against MCP', async () => {
    const user = await createUser(testApp, 'Limited');
    const mcp = await connectMcp(testApp.baseUrl, user.key);
    try {
      await mcp.client.listTools();
      await mcp.call('get_profile', {});
      const used = mcp.requests.length;
      expect(used).toBeGreaterThanOrEqual(4);
      const rest = await testApp.http().get('/api/v1/profile').set(bearer(user.key));
      expect(rest.status).toBe(200);
      expect(Number(rest.headers['x-ratelimit-remaining'])).toBe(12 - used - 1);
      let status = 200;
      while (status === 200)
        status = (await testApp.http().get('/api/v1/profile').set(bearer(user.key))).status;
      expect(status).toBe(429);
      await expect(mcp.call('get_profile', {})).rejects.toThrow(/429/);
      // Another key has its own budget.
      const other = await createUser(testApp, 'Other');
      expect((await testApp.http().get('/api/v1/profile').set(bearer(other.key))).status).toBe(200);
    } finally {
      await mcp.close().catch(() => undefined);
    }
  });
});

function pickProfile(profile: Record<string, unknown>): Record<string, unknown> {
  const { ongoing_projects, work_patterns, goals, preferences } = profile;
  return { ongoing_projects, work_patterns, goals, preferences };
}
