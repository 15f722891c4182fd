import type { ArgumentsHost } from '@nestjs/common';
import { describe, expect, it } from '@jest/globals';
import { AllExceptionsFilter } from './all-exceptions.filter.js';

function answer(exception: unknown): {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
} {
  const sent: { status: number; body: Record<string, unknown>; headers?: Record<string, string> } =
    { status: 0, body: {} };
  const response = {
    headersSent: false,
    setHeader(name: string, value: string) {
      sent.headers = { ...sent.headers, [name]: value };
    },
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
    },
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => ({ id: 'req-1' }), getResponse: () => response }),
  } as unknown as ArgumentsHost;
  new AllExceptionsFilter().catch(exception, host);
  return sent;
}

describe('AllExceptionsFilter and database errors', () => {
  it.each([
    ['a NUL in text (22P05)', '22P05'],
    ['a date out of range (22008)', '22008'],
    ['a numeric overflow (22003)', '22003'],
    ['too many bind parameters (54000)', '54000'],
  ])(
    'answers %s, which only a request value can cause, with a 400 that names no SQL',
    (_case, code) => {
      const error = Object.assign(new Error('timestamp out of range: "271822-04-20 BC"'), { code });
      expect(answer(error)).toEqual({
        status: 400,
        body: {
          status_code: 400,
          error: 'Bad Request',
          message: 'a value in the request is out of range or malformed',
          request_id: 'req-1',
        },
      });
    },
  );

  it('reads the code TypeORM wraps in driverError', () => {
    expect(
      answer(Object.assign(new Error('query failed'), { driverError: { code: '22007' } })).status,
    ).toBe(400);
  });

  it('keeps every other database failure a bare 500', () => {
    for (const code of ['23505', '40001', '57014', 'XX000']) {
      expect(answer(Object.assign(new Error('boom'), { code }))).toEqual({
        status: 500,
        body: {
          status_code: 500,
          error: 'Internal Server Error',
          message: 'internal server error',
          request_id: 'req-1',
        },
      });
    }
  });

  it.each([
    [
      'a refused connection (server stopped)',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    [
      'an administrator shutdown (57P01) wrapped by TypeORM',
      Object.assign(new Error('query failed'), { driverError: { code: '57P01' } }),
    ],
    ['a lost connection (class 08)', Object.assign(new Error('boom'), { code: '08006' })],
    ['the pool timing out', new Error('timeout exceeded when trying to connect')],
    ['a connection that dropped mid-query', new Error('Connection terminated unexpectedly')],
    [
      'both addresses refusing',
      Object.assign(
        new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]),
        {},
      ),
    ],
  ])('answers %s with a 503 the client may retry', (_case, error) => {
    const sent = answer(error);
    expect(sent).toEqual({
      status: 503,
      headers: { 'Retry-After': '2' },
      body: {
        status_code: 503,
        error: 'Service Unavailable',
        message: 'the database is unavailable; retry shortly',
        request_id: 'req-1',
      },
    });
  });
});
