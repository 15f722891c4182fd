import type { NextFunction, Request, Response } from 'express';
import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';

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

export type LogFormat = 'auto' | 'json' | 'pretty';

/**
 * A newcomer at a terminal reads lines ("12:00:01 INFO capture stored"); anything else (a
 * pipe, a file, a container's log driver) gets one JSON object per line, as log shippers want.
 */
export function logDestination(
  format: LogFormat,
  isTty: boolean = process.stdout.isTTY === true,
  output?: NodeJS.WritableStream,
): DestinationStream {
  if (format === 'pretty' || (format === 'auto' && isTty)) {
    return pretty({
      colorize: isTty,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname,service',
      sync: true,
      destination: output ?? 1,
    });
  }
  return pino.destination({ fd: 1, sync: false });
}

export function createRootLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'pai' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Belt and braces: our serializers never include headers, but a stray object might.
      redact: {
        paths: [
          'req.headers.authorization',
          'headers.authorization',
          '*.authorization',
          'key',
          '*.key',
          'password',
        ],
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
 * are not logged at all, and anything key-shaped in the URL is masked. A level that is
 * switched off costs one listener and a clock read per request, nothing more: capture's
 * budget is counted in microseconds.
 */
export function createRequestLogger(
  logger: Logger,
  observe?: (request: Request, status: number, seconds: number) => void,
) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = performance.now();
    response.once('close', () => {
      const finished = response.writableFinished;
      const status = response.statusCode;
      // The metrics histogram shares this listener and clock read rather than adding its own.
      observe?.(request, status, (performance.now() - started) / 1000);
      const level = !finished || status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        {
          req: { method: request.method, url: redactSecrets(request.originalUrl) },
          request_id: request.id,
          route: request.route?.path
            ? `${request.baseUrl ?? ''}${request.route.path as string}`
            : undefined,
          status,
          latency_ms: Math.round(performance.now() - started),
          user_id: request.auth?.userId,
        },
        finished ? 'request completed' : 'request aborted',
      );
    });
    next();
  };
}
