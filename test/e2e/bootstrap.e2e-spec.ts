import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { bearer } from '../support/factories.js';
import { createScratchDatabase } from '../support/scratch-database.js';
import { findKeyMaterial, startTestApp } from '../support/test-app.js';

describe('first-start admin bootstrap', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;

  beforeAll(async () => {
    scratch = await createScratchDatabase();
  });

  afterAll(async () => {
    await scratch.drop();
  });

  it('generates an admin key on an empty database, prints it once to the console (never the log), and not again', async () => {
    const printed: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    let first;
    try {
      first = await startTestApp({ databaseUrl: scratch.url, env: { BOOTSTRAP_ADMIN_KEY: undefined } });
    } finally {
      write.mockRestore();
    }
    const key = /pai_[A-Za-z0-9_-]{32,}/.exec(printed.join(''))?.[0];
    expect(key).toBeDefined();
    const listed = await first.http().get('/api/v1/admin/api-keys').set(bearer(key!));
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ scope: 'admin', name: 'bootstrap admin', prefix: key!.slice(0, 12) })]);
    await first.close();
    expect(findKeyMaterial(first.logs, [key!])).toEqual([]);
    expect(first.logs.some((line) => line.includes('admin bootstrapped'))).toBe(true);

    const again: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      again.push(String(chunk));
      return true;
    });
    let second;
    try {
      second = await startTestApp({ databaseUrl: scratch.url, env: { BOOTSTRAP_ADMIN_KEY: undefined } });
    } finally {
      spy.mockRestore();
    }
    expect(again.join('')).not.toMatch(/pai_[A-Za-z0-9_-]{32,}/);
    expect((await second.http().get('/api/v1/admin/api-keys').set(bearer(key!))).body.items).toHaveLength(1);
    await second.close();
  });

  it('refuses to start with a malformed BOOTSTRAP_ADMIN_KEY, naming the variable but not the value', async () => {
    const bad = 'pai_short!';
    const failure = await startTestApp({ databaseUrl: scratch.url, env: { BOOTSTRAP_ADMIN_KEY: bad } }).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failure?.message).toContain('BOOTSTRAP_ADMIN_KEY');
    expect(failure?.message).not.toContain(bad);
  });
});
