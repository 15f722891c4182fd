import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request } from 'express';
import pino, { type DestinationStream, type Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';

/** Anything shaped like an API key, wherever it turns up (a URL, an error message). */
const KEY_PATTERN = /pai_[A-Za-z0-9_-]{8,}/g;

/** The password part of a connection URL (postgres://user:secret@host). */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]+:)[^@\s]+@/gi;

export function redactSecrets(text: string): string {
  return text.replace(KEY_PATTERN, 'pai_[REDACTED]').replace(URL_PASSWORD, '$1[REDACTED]@');
}

/**
 * Errors are logged as type, message, code and stack only: driver errors carry their
 * client, with connection parameters and the database password, as enumerable properties.
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: redactSecrets(String(error)) };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: redactSecrets(error.message),
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    stack: error.stack ? redactSecrets(error.stack) : undefined,
  };
}

export function createRootLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'pai' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Belt and braces: our serializers never include headers, but a stray object might.
      redact: {
        paths: ['req.headers.authorization', 'headers.authorization', '*.authorization', 'key', '*.key', 'password'],
        censor: '[REDACTED]',
      },
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: serializeError, error: serializeError },
    },
    destination ?? pino.destination({ fd: 1, sync: false }),
  );
}

/**
 * One JSON line per request: method, route, status, latency, user and request id. Headers
 * are not logged at all, and anything key-shaped in the URL is masked.
 */
export function createHttpLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: (request) => String((request as IncomingMessage & { id?: unknown }).id ?? ''),
    customLogLevel: (_request, response, error) =>
      error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
    customSuccessObject: (request, response, value) => ({ ...value, ...requestFacts(request, response) }),
    customErrorObject: (request, response, _error, value) => ({ ...value, ...requestFacts(request, response) }),
    customAttributeKeys: { responseTime: 'latency_ms', reqId: 'request_id' },
    serializers: {
      req: (request: { method: string; url: string }) => ({ method: request.method, url: redactSecrets(request.url) }),
      res: () => undefined,
      err: serializeError,
    },
  });
}

function requestFacts(request: IncomingMessage, response: ServerResponse) {
  // pino-http's own req/res objects are dropped (see serializers): these are the fields we keep.
  const express = request as Request;
  return {
    request_id: express.id,
    route: express.route?.path ? `${express.baseUrl ?? ''}${express.route.path}` : undefined,
    status: response.statusCode,
    user_id: express.auth?.userId,
  };
}
