import { describe, expect, it } from '@jest/globals';
import { redactSecrets } from './http-logger.js';

const KEY = 'pai_AbCdEfGh0123456789_-xyzXYZ0123456789';

describe('redactSecrets', () => {
  it('masks a key in a URL query', () => {
    const redacted = redactSecrets(`/api/v1/thoughts?api_key=${KEY}&limit=5`);
    expect(redacted).toBe('/api/v1/thoughts?api_key=pai_[REDACTED]&limit=5');
    expect(redacted).not.toContain(KEY.slice(4));
  });

  it('masks a key in a URL path', () => {
    expect(redactSecrets(`/api/v1/keys/${KEY}/details`)).toBe(
      '/api/v1/keys/pai_[REDACTED]/details',
    );
  });

  it('masks every key in the text', () => {
    const other = 'pai_ZZZZZZZZZZZZZZZZZZZZ';
    expect(redactSecrets(`a=${KEY}&b=${other}`)).toBe('a=pai_[REDACTED]&b=pai_[REDACTED]');
  });

  it('leaves other text alone', () => {
    for (const text of [
      '/api/v1/thoughts?limit=50&cursor=abc',
      'GET /api/v1/health',
      'pai_short',
      'papai_ is not a key prefix',
      '',
    ]) {
      expect(redactSecrets(text)).toBe(text);
    }
  });
});

describe('serializeError', () => {
  it('keeps type, message, code and stack, and drops everything else (a driver client with a password)', async () => {
    const { serializeError } = await import('./http-logger.js');
    const error = Object.assign(new Error('connect failed for postgres://app:s3cret@db:5432/pai'), {
      code: 'ECONNREFUSED',
      client: { connectionParameters: { password: 's3cret' } },
    });
    const logged = serializeError(error);
    expect(Object.keys(logged).sort()).toEqual(['code', 'message', 'stack', 'type']);
    expect(JSON.stringify(logged)).not.toContain('s3cret');
    expect(logged.message).toBe('connect failed for postgres://app:[REDACTED]@db:5432/pai');
    expect(serializeError('plain pai_abcdefghijklmnopqrstuvwx')).toEqual({
      message: 'plain pai_[REDACTED]',
    });
  });
});

describe('logDestination', () => {
  const logLineTo = async (format: 'auto' | 'json' | 'pretty', isTty: boolean) => {
    const { PassThrough } = await import('node:stream');
    const { createRootLogger, logDestination } = await import('./http-logger.js');
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const destination = logDestination(format, isTty, output);
    // JSON mode writes to fd 1 itself; only the pretty stream honours `output`.
    if (format === 'json' || (format === 'auto' && !isTty)) return { destination, text: null };
    createRootLogger('info', destination).info({ key: 'pai_secretsecretsecret' }, 'capture stored');
    await new Promise((resolve) => setImmediate(resolve));
    return { destination, text };
  };

  it('writes readable lines on a terminal (auto) and when asked (pretty), still redacted', async () => {
    for (const [format, tty] of [
      ['auto', true],
      ['pretty', false],
    ] as const) {
      const { text } = await logLineTo(format, tty);
      expect(text).toContain('capture stored');
      expect(text).toMatch(/INFO/);
      expect(() => JSON.parse(text ?? '')).toThrow();
      expect(text).not.toContain('pai_secretsecretsecret');
    }
  });

  it("keeps JSON lines (pino's own destination) off a terminal and when asked", async () => {
    for (const [format, tty] of [
      ['auto', false],
      ['json', true],
    ] as const) {
      const { destination } = await logLineTo(format, tty);
      expect(destination.constructor.name).toBe('SonicBoom');
    }
  });
});
