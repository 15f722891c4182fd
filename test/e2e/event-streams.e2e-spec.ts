import { createConnection } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { EventPayloads } from '../../src/events/event-payloads.js';
import { EventStreams } from '../../src/events/event-streams.js';
import { EventsService } from '../../src/events/events.service.js';
import { openEventStream, within } from '../support/event-stream-client.js';
import { bearer, captureThought, createKey, createUser } from '../support/factories.js';
import { startTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

/** Two instances on one database, as behind a load balancer: streams live on one, keys change through the other. */
describe('event streams end with their key', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await startTestApp({ env: { API_KEY_CACHE_TTL_SECONDS: '3600' } });
    second = await startTestApp({
      env: { API_KEY_CACHE_TTL_SECONDS: '3600', EVENT_STREAMS_PER_KEY: '3' },
    });
  });

  afterAll(async () => {
    await first.close();
    await second.close();
  });

  it('closes a stream on the other instance within a second of its key being revoked', async () => {
    const user = await createUser(first);
    const stream = await openEventStream(second, user.key);
    expect(stream.status).toBe(200);
    const revoked = await first
      .http()
      .delete(`/api/v1/admin/api-keys/${user.keyId}`)
      .set(bearer(TEST_ADMIN_KEY));
    expect(revoked.status).toBe(204);
    const revokedAt = Date.now();
    const { text, endedAt } = await within(stream.ended, 1_000, 'stream end after revocation');
    expect(endedAt - revokedAt).toBeLessThan(1_000);
    expect(text).toContain('event: stream.closed\ndata: {"reason":"key_ended"}');
    expect(second.app.get(EventStreams).openCount(user.keyId)).toBe(0);
    expect((await openEventStream(second, user.key)).status).toBe(401);
  });

  it('closes a stream when its key expires, not before', async () => {
    const user = await createUser(first);
    const expiresAt = Date.now() + 1_500;
    const key = await createKey(first, user.userId, {
      expires_at: new Date(expiresAt).toISOString(),
    });
    const stream = await openEventStream(second, key.key);
    expect(stream.status).toBe(200);
    const { text, endedAt } = await within(stream.ended, 3_000, 'stream end at expiry');
    expect(endedAt).toBeGreaterThanOrEqual(expiresAt - 20);
    expect(endedAt - expiresAt).toBeLessThan(1_000);
    expect(text).toContain('"reason":"key_ended"');
  });

  it("closes a rotated key's stream when its grace period ends, and keeps the new key's stream", async () => {
    const user = await createUser(first);
    const oldStream = await openEventStream(second, user.key);
    expect(oldStream.status).toBe(200);
    const rotatedFrom = Date.now();
    const rotated = await first
      .http()
      .post(`/api/v1/admin/api-keys/${user.keyId}/rotate`)
      .set(bearer(TEST_ADMIN_KEY))
      .send({ grace_period_seconds: 2 });
    expect(rotated.status).toBe(201);
    const rotatedBy = Date.now();
    const newStream = await openEventStream(second, rotated.body.key);
    expect(newStream.status).toBe(200);
    const { text, endedAt } = await within(
      oldStream.ended,
      4_000,
      'old key stream end after grace',
    );
    // The grace period ends 2 s after the rotation committed, somewhere in [rotatedFrom, rotatedBy].
    expect(endedAt).toBeGreaterThanOrEqual(rotatedFrom + 2_000 - 20);
    expect(endedAt - (rotatedBy + 2_000)).toBeLessThan(1_000);
    expect(text).toContain('"reason":"key_ended"');
    expect(second.app.get(EventStreams).openCount(rotated.body.id)).toBe(1);
    newStream.abort();
  });

  it('refuses one stream more than EVENT_STREAMS_PER_KEY with 429 in the error shape, and frees the slot on close', async () => {
    const user = await createUser(first);
    const open = [];
    for (let i = 0; i < 3; i++) open.push(await openEventStream(second, user.key));
    expect(open.map((stream) => stream.status)).toEqual([200, 200, 200]);
    const refused = await second.http().get('/api/v1/events').set(bearer(user.key));
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      status_code: 429,
      error: 'Too Many Requests',
      message: 'too many open event streams for this key (at most 3)',
      request_id: expect.any(String),
    });
    // Another key of the same user has its own allowance.
    const otherKey = await createKey(first, user.userId);
    const other = await openEventStream(second, otherKey.key);
    expect(other.status).toBe(200);
    open[0]!.abort();
    await waitFor(
      () => Promise.resolve(second.app.get(EventStreams).openCount(user.keyId)),
      (count) => count === 2,
      { timeoutMs: 5_000, what: 'slot freed' },
    );
    const again = await openEventStream(second, user.key);
    expect(again.status).toBe(200);
    for (const stream of [...open, other, again]) stream.abort();
  });

  it('drops a client that stops reading instead of buffering for it, and keeps serving the one that reads', async () => {
    const user = await createUser(first);
    const readerKey = await createKey(first, user.userId);
    const big = await captureThought(first, user.key, `big ${'x'.repeat(9_900)}`);
    const reading = await openEventStream(first, readerKey.key);
    expect(reading.status).toBe(200);
    // A raw socket that sends the request and never reads the answer.
    const socket = createConnection({
      host: '127.0.0.1',
      port: Number(new URL(first.baseUrl).port),
    });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      `GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${user.key}\r\n\r\n`,
    );
    const streams = first.app.get(EventStreams);
    await waitFor(
      () => Promise.resolve(streams.openCount(user.keyId)),
      (count) => count === 1,
      { timeoutMs: 5_000, what: 'silent stream open' },
    );
    const events = first.app.get(EventsService);
    let published = 0;
    try {
      await waitFor(
        async () => {
          for (let i = 0; i < 20; i++, published++)
            events.publish({ userId: user.userId, type: 'thought.analyzed', id: big.id });
          await new Promise((resolve) => setImmediate(resolve));
          return streams.openCount(user.keyId);
        },
        (count) => count === 0,
        { timeoutMs: 30_000, intervalMs: 50, what: 'slow consumer dropped' },
      );
    } finally {
      socket.destroy();
    }
    expect(published).toBeLessThan(5_000);
    // Nest's Logger is process-wide: the app started last holds every app's lines.
    expect(
      [...first.logs, ...second.logs].filter((line) =>
        line.includes('event stream dropped: the client stopped reading'),
      ),
    ).toHaveLength(1);
    // The reader is unaffected: still open, and it got the events.
    expect(streams.openCount(readerKey.id)).toBe(1);
    await waitFor(
      () => Promise.resolve(reading.received().split('event: thought.analyzed').length - 1),
      (count) => count >= 20,
      {
        timeoutMs: 10_000,
        what: 'events at the reading stream',
      },
    );
    reading.abort();
  });

  it("loads an event's payload once however many streams receive it", async () => {
    const user = await createUser(first);
    const secondKey = await createKey(first, user.userId);
    const thought = await captureThought(first, user.key, 'one load for every stream');
    const streams = [
      await openEventStream(first, user.key),
      await openEventStream(first, user.key),
      await openEventStream(first, secondKey.key),
    ];
    expect(streams.map((stream) => stream.status)).toEqual([200, 200, 200]);
    const load = jest.spyOn(first.app.get(EventPayloads), 'load');
    try {
      first.app
        .get(EventsService)
        .publish({ userId: user.userId, type: 'thought.analyzed', id: thought.id });
      await waitFor(
        () =>
          Promise.resolve(
            streams.filter((stream) => stream.received().includes(`id: ${thought.id}`)).length,
          ),
        (count) => count === 3,
        { timeoutMs: 5_000, what: 'the event at all three streams' },
      );
      expect(load.mock.calls.filter(([, event]) => event.id === thought.id)).toHaveLength(1);
    } finally {
      load.mockRestore();
      for (const stream of streams) stream.abort();
    }
  });
});
