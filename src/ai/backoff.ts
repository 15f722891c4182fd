export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

/**
 * "Full jitter" (AWS architecture blog, Exponential Backoff and Jitter): a uniformly random
 * wait in [0, min(cap, base * 2^attempt)), so clients that failed together do not retry
 * together. `random` is injected so tests are deterministic.
 */
export function fullJitterDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number,
): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}

/**
 * The wait before retry number `attempt` (0-based): the server's retry-after when it sent
 * one (it knows when it will have capacity), else the jittered backoff. Null when the wait
 * would not fit in what is left of the call's time budget: better to fall through to the
 * next backend than to sleep past the deadline.
 */
export function retryDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  remainingMs: number,
  options: BackoffOptions,
  random: () => number,
): number | null {
  const delay = retryAfterMs ?? fullJitterDelay(attempt, options, random);
  return delay < remainingMs ? delay : null;
}
