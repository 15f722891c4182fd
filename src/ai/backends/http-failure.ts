import { AiBackendError, type AiErrorClass } from '../ai-errors.js';

/** Longest retry-after we take seriously; anything longer is "not within this call". */
const MAX_RETRY_AFTER_MS = 10 * 60_000;

/**
 * Anthropic reports an exhausted spend limit or credit balance as a 429 (or a 400 for a low
 * credit balance, 402 on some gateways). Retrying those only burns the budget for hours, so
 * they are told apart from an ordinary rate limit by their message.
 */
const SPEND_CAP = /credit|spend|billing|usage limit|quota/i;

interface HeaderSource {
  get(name: string): string | null;
}

/** `retry-after-ms`, else `retry-after` as seconds or an HTTP date; undefined when absent or silly. */
export function parseRetryAfter(
  headers: HeaderSource | undefined,
  now = Date.now(),
): number | undefined {
  if (!headers) return undefined;
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.get('retry-after-ms') && Number.isFinite(ms) && ms >= 0)
    return Math.min(ms, MAX_RETRY_AFTER_MS);
  const raw = headers.get('retry-after')?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.min(Number(raw) * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.min(Math.max(0, at - now), MAX_RETRY_AFTER_MS);
}

/**
 * One rule for every HTTP backend: which statuses are worth retrying. 400/401/403/404 and a
 * spend cap never are; 429, 408, 409 and 5xx are; 529 (and Anthropic's `overloaded_error`)
 * is an overload, which may also switch Claude to its fallback model.
 */
export function classifyHttpFailure(
  status: number,
  message: string,
  extra: { type?: string | null; retryAfterMs?: number } = {},
): AiBackendError {
  const of = (errorClass: AiErrorClass, retryable: boolean) =>
    new AiBackendError(errorClass, `${errorClass} (HTTP ${status})`, {
      retryable,
      status,
      retryAfterMs: retryable ? extra.retryAfterMs : undefined,
    });
  if (status === 529 || extra.type === 'overloaded_error') return of('overloaded', true);
  if (status === 402 || ((status === 429 || status === 400) && SPEND_CAP.test(message)))
    return of('spend_cap', false);
  if (status === 429) return of('rate_limited', true);
  if (status === 401) return of('auth', false);
  if (status === 403) return of('forbidden', false);
  if (status === 404) return of('not_found', false);
  if (status === 408) return of('timeout', true);
  if (status === 409 || status >= 500) return of('server_error', true);
  return of('bad_request', false);
}

/** Our own abort: the per-call time budget or the backend timeout, as opposed to a caller cancelling. */
export function abortFailure(signal: AbortSignal | undefined): AiBackendError {
  const reason = signal?.reason as { name?: string } | undefined;
  if (!signal?.aborted || reason?.name === 'TimeoutError') {
    return new AiBackendError('timeout', 'timeout', { retryable: true });
  }
  return new AiBackendError('aborted', 'aborted', { retryable: false });
}
