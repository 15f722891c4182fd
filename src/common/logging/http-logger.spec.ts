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
    expect(redactSecrets(`/api/v1/keys/${KEY}/details`)).toBe('/api/v1/keys/pai_[REDACTED]/details');
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
    expect(serializeError('plain pai_abcdefghijklmnopqrstuvwx')).toEqual({ message: 'plain pai_[REDACTED]' });
  });
});
