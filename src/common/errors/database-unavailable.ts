/**
 * Whether an error means "the database cannot be reached right now" (stopped, restarting,
 * out of connections, the pool could not get a connection in time) rather than a bug or bad
 * input. Those become a 503 with Retry-After: the request is safe to retry, and a client
 * with an Idempotency-Key loses nothing by doing so.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return walk(error, 0);
}

/** Seconds a client is told to wait before retrying a request the database could not serve. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

export const DATABASE_UNAVAILABLE_MESSAGE = 'the database is unavailable; retry shortly';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * SQLSTATE class 08 (connection exception), 57P01-57P03 (admin or crash shutdown, cannot
 * connect now: a stop or restart in progress) and 53300 (too many connections).
 */
const SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;

/** node-postgres and pg-pool report a lost or unobtainable connection by message only. */
const MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Query read timeout',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end on the pool',
];

function walk(error: unknown, depth: number): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const { code, message, driverError, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATE.test(code))) return true;
  if (typeof message === 'string' && MESSAGES.some((known) => message.startsWith(known)))
    return true;
  if (Array.isArray(errors) && errors.some((inner) => walk(inner, depth + 1))) return true;
  return walk(driverError, depth + 1) || walk(cause, depth + 1);
}
