import { describe, expect, it } from '@jest/globals';
import { validateEnv } from './env.schema.js';

/** Runs validateEnv and returns the thrown Error's message (fails the test if nothing throws). */
function errorMessage(raw: Record<string, unknown>): string {
  let thrown: unknown;
  try {
    validateEnv(raw);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(Error);
  return (thrown as Error).message;
}

const VALID_ADMIN_KEY = `pai_${'A'.repeat(32)}`;

describe('validateEnv', () => {
  it('applies the documented defaults to an empty environment', () => {
    const env = validateEnv({});

    expect(env.PORT).toBe(8000);
    expect(env.RATE_LIMIT_PER_MINUTE).toBe(100);
    expect(env.AI_BACKEND).toBe('auto');
    expect(env.DATA_DIR).toBe('./data');
    expect(env.TRUST_PROXY).toBe('false');
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.BOOTSTRAP_ADMIN_KEY).toBeUndefined();
  });

  it('parses numeric variables from strings', () => {
    const env = validateEnv({
      PORT: '3000',
      RATE_LIMIT_PER_MINUTE: ' 250 ',
      EMBEDDED_PG_PORT: '0',
      API_KEY_CACHE_TTL_SECONDS: '0',
    });

    expect(env.PORT).toBe(3000);
    expect(env.RATE_LIMIT_PER_MINUTE).toBe(250);
    expect(env.EMBEDDED_PG_PORT).toBe(0);
    expect(env.API_KEY_CACHE_TTL_SECONDS).toBe(0);
  });

  it('keeps valid explicit values', () => {
    const env = validateEnv({
      AI_BACKEND: 'mock',
      DATA_DIR: '/var/lib/pai',
      TRUST_PROXY: '10.0.0.1, 10.0.0.0/8',
      DATABASE_URL: 'postgres://pai:secret@db:5432/pai',
      BOOTSTRAP_ADMIN_KEY: VALID_ADMIN_KEY,
    });

    expect(env.AI_BACKEND).toBe('mock');
    expect(env.DATA_DIR).toBe('/var/lib/pai');
    expect(env.TRUST_PROXY).toBe('10.0.0.1, 10.0.0.0/8');
    expect(env.DATABASE_URL).toBe('postgres://pai:secret@db:5432/pai');
    expect(env.BOOTSTRAP_ADMIN_KEY).toBe(VALID_ADMIN_KEY);
  });

  it.each(['abc', '70000', '-1', '80.5'])('rejects PORT=%j naming the variable', (port) => {
    expect(errorMessage({ PORT: port })).toMatch(/\bPORT\b/);
  });

  it('rejects an unknown AI_BACKEND naming the variable', () => {
    const message = errorMessage({ AI_BACKEND: 'gpt' });
    expect(message).toContain('AI_BACKEND');
    expect(message).not.toMatch(/\bPORT\b/);
  });

  it('rejects a non-postgres DATABASE_URL naming the variable', () => {
    expect(errorMessage({ DATABASE_URL: 'http://x' })).toContain('DATABASE_URL');
  });

  it('refuses TRUST_PROXY=true (trust every hop) and says what to use instead', () => {
    const message = errorMessage({ TRUST_PROXY: ' true ' });
    expect(message).toContain('TRUST_PROXY=true would trust every hop');
    expect(message).toContain('number of proxies');
  });

  it.each(['1', '2', 'loopback', '10.0.0.0/8, 192.168.1.1'])('accepts TRUST_PROXY=%j', (value) => {
    expect(validateEnv({ TRUST_PROXY: value }).TRUST_PROXY).toBe(value);
  });

  it('accepts a postgresql:// DATABASE_URL', () => {
    expect(validateEnv({ DATABASE_URL: 'postgresql://localhost/pai' }).DATABASE_URL).toBe(
      'postgresql://localhost/pai',
    );
  });

  it.each([
    'postgresql:///pai?host=/var/run/postgresql',
    'postgres://pai@localhost/pai?host=/run/postgresql&port=5433',
  ])('accepts a DATABASE_URL that names a Unix-socket directory: %s', (url) => {
    expect(validateEnv({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
  });

  it.each([
    'postgresql:///pai',
    'postgresql:///pai?host=relative/dir',
    'http:///pai?host=/var/run/postgresql',
  ])('rejects %s: no host and no socket directory, or not postgres', (url) => {
    expect(errorMessage({ DATABASE_URL: url })).toMatch(/^ {2}- DATABASE_URL: /m);
  });

  it.each([
    ['too short', 'pai_short'],
    ['wrong prefix', `xyz_${'a'.repeat(40)}`],
  ])('rejects a BOOTSTRAP_ADMIN_KEY with %s naming the variable', (_case, key) => {
    expect(errorMessage({ BOOTSTRAP_ADMIN_KEY: key })).toContain('BOOTSTRAP_ADMIN_KEY');
  });

  it('never echoes a bad BOOTSTRAP_ADMIN_KEY value', () => {
    const message = errorMessage({ BOOTSTRAP_ADMIN_KEY: 'pai_tooshort!!' });
    expect(message).toContain('BOOTSTRAP_ADMIN_KEY');
    expect(message).not.toContain('pai_tooshort!!');
    expect(message).not.toContain('tooshort');
  });

  it('never echoes ANTHROPIC_API_KEY when another variable is bad', () => {
    const secret = 'sk-ant-super-secret-value-1234567890';
    const message = errorMessage({ ANTHROPIC_API_KEY: secret, PORT: 'abc' });
    expect(message).toMatch(/\bPORT\b/);
    expect(message).not.toContain(secret);
    expect(message).not.toContain('super-secret');
  });

  it('names every bad variable in a single message', () => {
    const message = errorMessage({
      PORT: '70000',
      AI_BACKEND: 'gpt',
      DATABASE_URL: 'http://x',
      BOOTSTRAP_ADMIN_KEY: 'pai_short',
    });

    for (const name of ['PORT', 'AI_BACKEND', 'DATABASE_URL', 'BOOTSTRAP_ADMIN_KEY']) {
      expect(message).toMatch(new RegExp(`^  - ${name}: `, 'm'));
    }
  });

  it('accepts DATABASE_READ_URLS as a comma-separated list of postgres URLs next to DATABASE_URL', () => {
    const env = validateEnv({
      DATABASE_URL: 'postgres://pai@db:5432/pai',
      DATABASE_READ_URLS: 'postgres://pai@replica1:5432/pai, postgresql://pai@replica2/pai',
      READ_REPLICA_MAX_LAG_MS: '2500',
    });
    expect(env.DATABASE_READ_URLS).toBe(
      'postgres://pai@replica1:5432/pai, postgresql://pai@replica2/pai',
    );
    expect(env.READ_REPLICA_MAX_LAG_MS).toBe(2500);
  });

  it('rejects DATABASE_READ_URLS with a non-postgres entry, or without DATABASE_URL', () => {
    expect(
      errorMessage({
        DATABASE_URL: 'postgres://db/pai',
        DATABASE_READ_URLS: 'postgres://r1/pai,http://r2',
      }),
    ).toContain('comma-separated list');
    expect(errorMessage({ DATABASE_READ_URLS: 'postgres://r1/pai' })).toContain(
      'needs DATABASE_URL',
    );
  });

  it('treats an empty DATABASE_URL as unset', () => {
    const env = validateEnv({ DATABASE_URL: '' });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('treats a blank BOOTSTRAP_ADMIN_KEY as unset', () => {
    expect(validateEnv({ BOOTSTRAP_ADMIN_KEY: '   ' }).BOOTSTRAP_ADMIN_KEY).toBeUndefined();
  });

  it('defaults the Claude batch settings, accepts 0 to turn batches off and refuses bad values', () => {
    expect(validateEnv({})).toMatchObject({
      CLAUDE_BATCH_MIN: 50,
      CLAUDE_BATCH_POLL_MIN_SECONDS: 30,
      CLAUDE_BATCH_POLL_MAX_SECONDS: 600,
    });
    expect(validateEnv({ CLAUDE_BATCH_MIN: '0' }).CLAUDE_BATCH_MIN).toBe(0);
    const message = errorMessage({ CLAUDE_BATCH_MIN: '-1', CLAUDE_BATCH_POLL_MAX_SECONDS: '0' });
    expect(message).toContain('CLAUDE_BATCH_MIN');
    expect(message).toContain('CLAUDE_BATCH_POLL_MAX_SECONDS');
  });
});
