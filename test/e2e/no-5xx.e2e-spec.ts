import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { DATA_EXCEPTION_LOG } from '../../src/common/filters/all-exceptions.filter.js';
import {
  bearer,
  captureThought,
  createKey,
  createUser,
  type CreatedUser,
} from '../support/factories.js';
import {
  type FuzzBody,
  type FuzzRequest,
  NoGeneratorError,
  type Pools,
  RAW_BODIES,
  requestArb,
} from '../support/fuzz/arbitraries.js';
import { BLNS } from '../support/fuzz/naughty-strings.js';
import {
  type OpenApiDocument,
  type Operation,
  type Route,
  routeKey,
  routesOf,
} from '../support/fuzz/openapi.js';
import { RowChecksums } from '../support/fuzz/row-checksum.js';
import { startTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

/**
 * "No 5xx from any input" (issue 14), over every route the app serves: requests generated
 * from the app's own OpenAPI document (so routes added later are fuzzed without a change
 * here), with the Big List of Naughty Strings and the findings mixed into every
 * string, number, array and body. Reproducible by default; explore with
 * FC_SEED=<n> FC_RUNS=<n> (and FC_SHRINK=1 for a minimal counterexample).
 */
const SEED = Number(process.env.FC_SEED ?? 20_261_206);
const RUNS = Number(process.env.FC_RUNS ?? 6);
const SHRINK = process.env.FC_SHRINK === '1';

/**
 * Routes Nest serves that the Swagger document leaves out, each with its own description.
 * A served route that is neither documented nor listed here fails the inventory test.
 */
const OUTSIDE_SWAGGER: Record<string, Operation> = {
  // Model Context Protocol (Streamable HTTP): JSON-RPC, tools named by the MCP work.
  'POST /mcp': {
    parameters: [
      {
        name: 'Accept',
        in: 'header',
        schema: {
          type: 'string',
          enum: ['application/json, text/event-stream', 'application/json'],
        },
      },
    ],
    requestBody: {
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['jsonrpc', 'method'],
            properties: {
              jsonrpc: { type: 'string', enum: ['2.0'] },
              id: { type: 'integer', minimum: 1, maximum: 1000 },
              method: {
                type: 'string',
                enum: ['initialize', 'tools/list', 'tools/call', 'resources/list', 'prompts/list'],
              },
              params: {
                type: 'object',
                properties: {
                  name: {
                    type: 'string',
                    enum: [
                      'capture_thought',
                      'search_thoughts',
                      'list_thoughts',
                      'get_thought',
                      'list_tasks',
                      'create_task',
                    ],
                  },
                  protocolVersion: { type: 'string', example: '2025-06-18' },
                  arguments: {
                    type: 'object',
                    properties: {
                      content: { type: 'string', example: 'a thought' },
                      query: { type: 'string', example: 'tax' },
                      id: { type: 'string', format: 'uuid' },
                      tags: { type: 'array', items: { type: 'string' } },
                      limit: { type: 'integer', minimum: 1, maximum: 50 },
                      since: { type: 'string', format: 'date-time' },
                      title: { type: 'string', example: 'a task' },
                      due_date: { type: 'string', format: 'date' },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
  'GET /metrics': {},
};
/** Swagger UI and its document, served by SwaggerModule without a description of themselves. */
const isDocsRoute = (path: string) =>
  path === '/docs' || path.startsWith('/docs-') || path.startsWith('/docs/');

/** Express's `route.all` lists each of Node's methods (35 or so); no route of ours takes more than a few. */
const EVERY_METHOD = 20;

/** What Express will actually route, as Nest registered it. */
function servedRoutes(testApp: TestApp): { method: string; path: string }[] {
  interface Layer {
    route?: { path: unknown; methods: Record<string, boolean> };
  }
  const express = testApp.app.getHttpAdapter().getInstance() as {
    router?: { stack: Layer[] };
    _router?: { stack: Layer[] };
  };
  return (
    (express.router ?? express._router)!.stack
      .filter((layer) => layer.route && typeof layer.route.path === 'string')
      // Nest adds an every-method fall-through for paths excluded from the global prefix (/mcp,
      // /metrics); it only passes on to the 404 handler, so it is no route of ours.
      .filter((layer) => Object.keys(layer.route!.methods).length < EVERY_METHOD)
      .flatMap((layer) =>
        Object.keys(layer.route!.methods)
          .filter((method) => method !== '_all')
          .map((method) => ({ method: method.toUpperCase(), path: layer.route!.path as string })),
      )
  );
}

interface Actor {
  key: string;
  userId: string;
}

const STRANGER_MARKER = `stranger-secret-${randomUUID()}`;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const cursorOf = (parts: unknown) =>
  Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
const preview = (value: unknown, length = 300) => {
  const text = Buffer.isBuffer(value)
    ? `<${value.length} bytes> ${value.subarray(0, 80).toString('latin1')}`
    : String(value);
  return text.length > length ? `${text.slice(0, length)}... (${text.length} chars)` : text;
};

describe('no 5xx from any input, on every route', () => {
  let testApp: TestApp;
  let dataSource: DataSource;
  let checksums: RowChecksums;
  let document: OpenApiDocument;
  let routes: Route[];
  let served: { method: string; path: string }[];
  let pools: Pools;
  let actors: Record<FuzzRequest['key'], Actor>;
  let stranger: CreatedUser;
  let strangerIds: string[];
  let strangerChecksum: string;

  beforeAll(async () => {
    testApp = await startTestApp({
      env: { RATE_LIMIT_PER_MINUTE: '100000', AUTH_FAILURES_PER_MINUTE: '100000' },
    });
    dataSource = testApp.app.get(DataSource);
    checksums = new RowChecksums(dataSource);
    document = (await testApp.http().get('/docs-json')).body as OpenApiDocument;
    served = servedRoutes(testApp);
    routes = [
      ...routesOf(document),
      ...Object.entries(OUTSIDE_SWAGGER)
        .map(([key, operation]) => ({
          method: key.split(' ')[0]!,
          path: key.split(' ')[1]!,
          operation,
        }))
        .filter((route) =>
          served.some(
            (candidate) => candidate.method === route.method && candidate.path === route.path,
          ),
        ),
    ];

    const user = await createUser(testApp, 'Fuzzed User');
    const [adminRow] = (await dataSource.query('SELECT user_id FROM api_keys WHERE key_hash = $1', [
      sha256(TEST_ADMIN_KEY),
    ])) as { user_id: string }[];
    actors = {
      user: { key: user.key, userId: user.userId },
      admin: { key: TEST_ADMIN_KEY, userId: adminRow!.user_id },
    };
    stranger = await createUser(testApp, 'Stranger');

    const own = [];
    for (const content of [
      'Call mom about the tax forms #family',
      'Idea: a tax spreadsheet',
      'Buy milk tomorrow',
    ]) {
      own.push(await captureThought(testApp, user.key, { content, tags: ['family', 'tax'] }));
    }
    const as = (key: string) => ({
      post: (url: string, body: object) => testApp.http().post(url).set(bearer(key)).send(body),
      get: (url: string) => testApp.http().get(url).set(bearer(key)),
    });
    const ownTasks = [
      (
        await as(user.key).post('/api/v1/tasks', {
          title: 'File the taxes',
          due_date: '2026-04-15',
          priority: 'high',
        })
      ).body,
      (
        await as(user.key).post('/api/v1/tasks', {
          title: 'Call mom',
          source_thought_id: own[0]!.id,
        })
      ).body,
    ];
    const strangerThoughts = [
      await captureThought(testApp, stranger.key, {
        content: `${STRANGER_MARKER} tax secrets`,
        tags: ['tax'],
      }),
      await captureThought(testApp, stranger.key, {
        content: `${STRANGER_MARKER} more tax`,
        tags: ['family'],
      }),
    ];
    const strangerTask = (
      await as(stranger.key).post('/api/v1/tasks', {
        title: `${STRANGER_MARKER} task`,
        due_date: '2026-05-01',
      })
    ).body;
    strangerIds = [
      ...strangerThoughts.map((thought) => thought.id as string),
      strangerTask.id as string,
    ];
    const disposable = await createKey(testApp, user.userId, { name: 'disposable' });
    // Lazily created rows: created now, so a 4xx later cannot be blamed for creating them.
    for (const actor of [user.key, TEST_ADMIN_KEY]) {
      await as(actor).get('/api/v1/profile');
      await as(actor).get('/api/v1/settings');
    }

    const realCursors: string[] = [];
    for (const [key, url] of [
      [user.key, '/api/v1/thoughts?limit=1'],
      [user.key, '/api/v1/thoughts?limit=1&q=tax'],
      [user.key, '/api/v1/tasks?limit=1'],
      [user.key, '/api/v1/tasks?limit=1&sort=due_date'],
      [user.key, '/api/v1/tasks?limit=1&sort=priority'],
      [TEST_ADMIN_KEY, '/api/v1/admin/api-keys?limit=1'],
      [stranger.key, '/api/v1/thoughts?limit=1'],
      [stranger.key, '/api/v1/thoughts?limit=1&q=tax'],
    ] as const) {
      const cursor = (await as(key).get(url)).body.next_cursor;
      if (typeof cursor !== 'string')
        throw new Error(`no next_cursor from ${url}: the pool needs one`);
      realCursors.push(cursor);
    }
    const at = '2026-01-04T12:00:00.000Z';
    const someId = own[0]!.id as string;
    pools = {
      ids: [
        ...own.map((thought) => thought.id as string),
        ...ownTasks.map((task) => task.id as string),
        disposable.id,
        user.userId,
        ...strangerIds,
        randomUUID(),
        '00000000-0000-0000-0000-000000000000',
      ],
      cursors: [
        ...realCursors,
        'AAAA',
        '!!!not-base64!!!',
        'x'.repeat(500),
        cursorOf(1e308),
        cursorOf([at, someId, 1.5, 'tasks:due_date']),
        cursorOf([at, someId, 2 ** 31, 'tasks:priority']),
        cursorOf([at, someId, 1e300, 'thoughts']),
        cursorOf([at, someId, 1e-300, 'thoughts']),
        cursorOf([at, someId, 1e300]),
        cursorOf(['-271821-04-20T00:00:00.000Z', someId]),
        cursorOf(['+275760-09-13T00:00:00.000Z', someId]),
        cursorOf(['2026-02-30T00:00:00.000Z', someId]),
        cursorOf([at, 'not-a-uuid']),
        cursorOf([at, someId, null, 'another-list']),
        cursorOf([at, someId, null, 'thoughts', 'extra']),
        cursorOf({ at, id: someId }),
      ],
    };
    [strangerChecksum] = await checksums.of([stranger.userId]);
  });

  afterAll(async () => {
    await testApp?.close();
  });

  async function send(
    request: FuzzRequest,
  ): Promise<{ status: number; headers: Headers; text: string }> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), 20_000);
    try {
      const response = await fetch(`${testApp.baseUrl}${request.url}`, {
        method: request.method,
        headers: {
          ...bearer(actors[request.key].key),
          ...request.headers,
          ...(request.body ? { 'Content-Type': request.body.contentType } : {}),
        },
        body: request.body?.payload,
        signal: abort.signal,
      });
      // An event stream never ends: its status and headers are the answer.
      if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
        abort.abort();
        return { status: response.status, headers: response.headers, text: '' };
      }
      return { status: response.status, headers: response.headers, text: await response.text() };
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * An import accepted earlier (202) goes on writing its rows and its operation in this process
   * after its response, so it may finish during a later request. "A 4xx changed nothing" is only
   * a claim about that request when nothing else of the actor's is in flight: the digest waits,
   * bounded, for the actor's imports to settle instead of excusing the rows they touch (which
   * would also excuse a 4xx writing to them). Re-analysis operations need no wait: the test app
   * runs no workers, so nothing advances them between requests.
   */
  async function settledChecksum(userId: string): Promise<string> {
    await waitFor(
      async () =>
        (
          (await dataSource.query(
            `SELECT count(*)::int AS n FROM operations WHERE user_id = $1 AND kind = 'import' AND state = 'running'`,
            [userId],
          )) as {
            n: number;
          }[]
        )[0]!.n,
      (running) => running === 0,
      { timeoutMs: 30_000, what: 'the fuzzed imports to finish' },
    );
    const [digest] = await checksums.of([userId]);
    return digest!;
  }

  /** Sends one request and throws, describing it, on anything the issue forbids. */
  async function sendAndCheck(request: FuzzRequest, expectStatus?: number): Promise<number> {
    const actor = actors[request.key];
    const before = await settledChecksum(actor.userId);
    const { status, headers, text } = await send(request);
    const describe = () =>
      `${request.key} key: ${request.method} ${preview(request.url)}` +
      (request.body ? ` [${request.body.contentType}] ${preview(request.body.payload, 200)}` : '') +
      ` -> ${status} ${preview(text, 300)}`;
    if (status >= 500) throw new Error(`5xx: ${describe()}`);
    if (expectStatus !== undefined && status !== expectStatus)
      throw new Error(`expected ${expectStatus}: ${describe()}`);
    if (status >= 400) {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        throw new Error(`error without a JSON body: ${describe()}`);
      }
      const keys = Object.keys(body)
        .filter((key) => key !== 'details')
        .sort();
      // MCP's own transport errors (406 Accept, a malformed JSON-RPC message) are JSON-RPC
      // errors, as MCP clients expect; everything our code refuses there is the contract's.
      const jsonRpcError =
        request.url.split('?')[0] === '/mcp' &&
        body.jsonrpc === '2.0' &&
        typeof (body.error as { code?: unknown } | undefined)?.code === 'number' &&
        typeof (body.error as { message?: unknown }).message === 'string';
      const shaped =
        jsonRpcError ||
        (keys.join() === 'error,message,request_id,status_code' &&
          body.status_code === status &&
          typeof body.error === 'string' &&
          typeof body.message === 'string' &&
          body.message.length > 0 &&
          typeof body.request_id === 'string' &&
          body.request_id === headers.get('x-request-id') &&
          (body.details === undefined || Array.isArray(body.details)));
      if (!shaped) throw new Error(`error not in the contract's shape: ${describe()}`);
    }
    const [actorAfter, strangerAfter] = await checksums.of([actor.userId, stranger.userId]);
    if (status >= 400 && actorAfter !== before)
      throw new Error(`a ${status} changed stored data: ${describe()}`);
    if (text.includes(STRANGER_MARKER))
      throw new Error(`a stranger's content in the response: ${describe()}`);
    if (status < 300 && strangerIds.some((id) => text.includes(id)))
      throw new Error(`a stranger's row in the response: ${describe()}`);
    if (strangerAfter !== strangerChecksum)
      throw new Error(`a stranger's rows changed: ${describe()}`);
    return status;
  }

  it('knows every route Nest serves: documented in Swagger or given a generator here', () => {
    const documented = new Set(
      routesOf(document).map((route) => routeKey(route.method, route.path)),
    );
    const unknown = served
      .filter(({ path }) => !isDocsRoute(path))
      .map(({ method, path }) => routeKey(method, path))
      .filter((key) => !documented.has(key) && !(key in OUTSIDE_SWAGGER));
    expect(served.length).toBeGreaterThan(20);
    expect(documented.size).toBeGreaterThan(20);
    // A route listed here has no generator: document it in Swagger or add it to OUTSIDE_SWAGGER.
    expect(unknown).toEqual([]);
  });

  it('reproduces the 500s the issue found, as 400s that name the problem', async () => {
    const as = (key: FuzzRequest['key'], method: string, url: string, body?: FuzzBody) => ({
      key,
      method,
      url,
      headers: {},
      body,
    });
    const json = (value: unknown): FuzzBody => ({
      contentType: 'application/json',
      payload: JSON.stringify(value),
    });
    const cases: [FuzzRequest, RegExp][] = [
      [as('user', 'POST', '/api/v1/thoughts', json({ content: 'x', tags: ['a\u0000b'] })), /NUL/],
      [
        as('user', 'POST', '/api/v1/thoughts', {
          contentType: 'application/x-www-form-urlencoded',
          payload: 'content=x&tags=a%00b',
        }),
        /NUL/,
      ],
      [
        as('user', 'POST', '/api/v1/thoughts', { contentType: 'text/plain', payload: 'x\u0000y' }),
        /NUL/,
      ],
      [
        as('admin', 'PATCH', `/api/v1/thoughts/${pools.ids[0]}`, json({ tags: ['ok', '\u0000'] })),
        /NUL/,
      ],
      [as('user', 'GET', '/api/v1/thoughts?tag=a%00', undefined), /NUL/],
      [
        as('user', 'GET', '/api/v1/tasks?due_before=2026-02-30'),
        /due_before must be a real calendar date/,
      ],
      [
        as('user', 'GET', '/api/v1/tasks?due_after=0000-01-01'),
        /due_after must be a real calendar date/,
      ],
      [
        as('user', 'POST', '/api/v1/tasks', json({ title: 'x', due_date: '2026-02-30' })),
        /due_date must be a real calendar date/,
      ],
      [
        as('user', 'GET', '/api/v1/thoughts?since=-271821-04-20T00:00:00.000Z'),
        /since must be an ISO-8601 date-time/,
      ],
      [
        as('user', 'GET', '/api/v1/thoughts?until=%2B275760-09-13T00:00:00.000Z'),
        /until must be an ISO-8601 date-time/,
      ],
      [
        as('user', 'GET', '/api/v1/thoughts?since=2026-02-30'),
        /since must be an ISO-8601 date-time/,
      ],
      [
        as(
          'admin',
          'POST',
          '/api/v1/admin/api-keys',
          json({
            user_id: actors.user.userId,
            name: 'k',
            expires_at: '+275760-09-13T00:00:00.000Z',
          }),
        ),
        /expires_at must be an ISO-8601 date-time/,
      ],
      [
        as('user', 'POST', '/api/v1/thoughts', {
          contentType: 'application/json',
          payload: `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
        }),
        /nested deeper than 32/,
      ],
      [
        as('user', 'POST', '/api/v1/thoughts', {
          contentType: 'application/json',
          payload: `{"content":"x","tags":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
        }),
        /nested deeper than 32/,
      ],
      [
        as('user', 'POST', '/api/v1/thoughts', {
          contentType: 'application/json',
          payload: Buffer.from([
            0x7b, 0x22, 0x63, 0x6f, 0x6e, 0x74, 0x65, 0x6e, 0x74, 0x22, 0x3a, 0x22, 0xff, 0x22,
            0x7d,
          ]),
        }),
        /not valid UTF-8/,
      ],
      [as('user', 'GET', `/api/v1/tasks?sort=priority&cursor=${pools.cursors[3]}`), /another list/],
      [as('user', 'GET', `/api/v1/tasks?sort=due_date&cursor=${pools.cursors[1]}`), /another list/],
      [
        as(
          'user',
          'GET',
          `/api/v1/tasks?sort=due_date&cursor=${cursorOf(['2026-01-04T12:00:00.000Z', pools.ids[0], 1.5])}`,
        ),
        /cursor/,
      ],
      [
        as(
          'user',
          'GET',
          `/api/v1/thoughts?q=tax&cursor=${cursorOf(['2026-01-04T12:00:00.000Z', pools.ids[0], 1e300])}`,
        ),
        /cursor/,
      ],
      [as('user', 'GET', '/api/v1/thoughts?cursor=AAAA'), /cursor/],
      [as('user', 'GET', `/api/v1/thoughts?cursor=${cursorOf(1e308)}`), /cursor/],
    ];
    const failures: string[] = [];
    for (const [request, message] of cases) {
      try {
        await sendAndCheck(request, 400);
        const { text } = await send(request);
        if (!message.test(text))
          failures.push(
            `${request.method} ${preview(request.url, 120)}: ${preview(text, 200)} does not match ${message}`,
          );
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers requests Node refuses before Express (a URL past 16 KiB) in the error shape too', async () => {
    const status = await sendAndCheck({
      key: 'user',
      method: 'GET',
      url: `/api/v1/thoughts?q=${'x'.repeat(20_000)}`,
      headers: {},
    });
    expect(status).toBe(431);
  });

  it("treats another user's cursor as a position in the caller's own rows, never a view of theirs", async () => {
    const strangerCursor = pools.cursors[6]!;
    const status = await sendAndCheck({
      key: 'user',
      method: 'GET',
      url: `/api/v1/thoughts?cursor=${strangerCursor}`,
      headers: {},
    });
    expect(status).toBe(200);
  });

  it('answers 413, 415 and 400 in the error shape for oversized, mistyped and malformed bodies on every route', async () => {
    const id = pools.ids[0]!;
    const failures: string[] = [];
    const oversized = JSON.stringify({ content: 'x'.repeat(1024 * 1024 + 10) });
    for (const route of routes.filter((candidate) =>
      ['POST', 'PUT', 'PATCH', 'DELETE'].includes(candidate.method),
    )) {
      const url = route.path.replace(/:[^/]+/g, (name) =>
        name === ':index' ? '0' : name === ':action' ? 'pin' : id,
      );
      // Routes that declare another media type (an upload) may set their own limits and types.
      const jsonOnly = Object.keys(route.operation.requestBody?.content ?? {}).every((type) =>
        ['application/json', 'text/plain', 'application/x-www-form-urlencoded'].includes(type),
      );
      const sweep: [FuzzBody, number | undefined][] = [
        [{ contentType: 'application/json', payload: oversized }, jsonOnly ? 413 : undefined],
        [{ contentType: 'application/xml', payload: '<thought/>' }, jsonOnly ? 415 : undefined],
        [RAW_BODIES[0]!, 400],
        [RAW_BODIES[2]!, 400],
        [RAW_BODIES[8]!, 400],
      ];
      for (const [body, expected] of sweep) {
        for (const key of ['user', 'admin'] as const) {
          try {
            await sendAndCheck({ key, method: route.method, url, headers: {}, body }, expected);
          } catch (error) {
            failures.push((error as Error).message);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses a NUL in any query parameter or path segment of every route', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const withId = route.path.replace(/:[^/]+/g, pools.ids[0]!);
      const names = (route.operation.parameters ?? [])
        .filter((parameter) => parameter.in === 'query')
        .map((parameter) => parameter.name);
      const targets = [...names, 'unknown_parameter'].map((name) => `${withId}?${name}=x%00`);
      if (route.path.includes(':')) targets.push(route.path.replace(/:[^/]+/g, 'a%00b'));
      for (const target of targets) {
        try {
          await sendAndCheck({ key: 'user', method: route.method, url: target, headers: {} }, 400);
        } catch (error) {
          failures.push((error as Error).message);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('stores or refuses every naughty string as a capture or as a search and tag filter, never 5xx', async () => {
    const failures: string[] = [];
    for (const [index, naughty] of BLNS.entries()) {
      const key = index % 2 === 0 ? 'user' : 'admin';
      // Alternating keeps the sweep to one request per string; the generated requests below mix them everywhere else.
      const request: FuzzRequest =
        Math.floor(index / 2) % 2 === 0
          ? {
              key,
              method: 'POST',
              url: '/api/v1/thoughts',
              headers: {},
              body: {
                contentType: 'application/json',
                payload: JSON.stringify({ content: naughty, tags: [naughty] }),
              },
            }
          : {
              key,
              method: 'GET',
              url: `/api/v1/thoughts?q=${encodeURIComponent(naughty)}&tag=${encodeURIComponent(naughty)}&limit=5`,
              headers: {},
            };
      try {
        await sendAndCheck(request);
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
    expect(BLNS.length).toBeGreaterThan(400);
    expect(failures).toEqual([]);
  });

  it(`survives generated requests to every route (seed ${SEED}, ${RUNS} runs each): no 5xx, the error shape, no change on a 4xx, no stranger's rows`, async () => {
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const [index, route] of routes.entries()) {
      let arbitrary: fc.Arbitrary<FuzzRequest>;
      try {
        arbitrary = requestArb(document, route, pools);
      } catch (error) {
        if (!(error instanceof NoGeneratorError)) throw error;
        failures.push(`no generator: ${error.message}`);
        continue;
      }
      const result = await fc.check(
        fc.asyncProperty(arbitrary, async (request) => {
          const status = await sendAndCheck(request);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }),
        { seed: SEED + index, numRuns: RUNS, endOnFailure: !SHRINK },
      );
      if (result.failed) {
        const reason =
          result.errorInstance instanceof Error
            ? result.errorInstance.message
            : String(result.errorInstance);
        failures.push(
          `${route.method} ${route.path} (replay: FC_SEED=${result.seed - index} with path ${result.counterexamplePath}): ${reason}`,
        );
      }
    }
    if (process.env.FC_VERBOSE === '1') console.log('statuses', Object.fromEntries(statuses));
    expect(failures).toEqual([]);
    // The generators must reach past validation too, or the property proves little.
    expect([...statuses.keys()].some((status) => status >= 200 && status < 300)).toBe(true);
    expect([...statuses.keys()].some((status) => status === 400)).toBe(true);
  });

  it('needed no database error to refuse any of it (every refusal came from a validator)', () => {
    const caught = testApp.logs.filter(
      (line) => line.includes(DATA_EXCEPTION_LOG) || line.includes('unhandled error'),
    );
    expect(caught.map((line) => preview(line, 400))).toEqual([]);
  });
});
