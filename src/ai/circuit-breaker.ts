export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses calls before letting one probe through. */
  cooldownMs: number;
  /** Milliseconds since the epoch; injected so tests can move time. */
  now: () => number;
}

/**
 * Per-backend breaker: after `failureThreshold` consecutive failures the backend is skipped
 * for `cooldownMs`; then one probe is let through (half-open) and its outcome closes or
 * re-opens the circuit. A failing backend thus costs one request per cool-down, not one per
 * thought.
 */
export class CircuitBreaker {
  private openedAt: number | null = null;
  private probeInFlight = false;
  private failures = 0;
  private lastError: { errorClass: string; at: Date } | null = null;

  constructor(private readonly options: CircuitBreakerOptions) {}

  get state(): CircuitState {
    if (this.openedAt === null) return 'closed';
    return this.options.now() - this.openedAt >= this.options.cooldownMs ? 'half_open' : 'open';
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  get lastFailure(): { errorClass: string; at: Date } | null {
    return this.lastError;
  }

  /** Whether a call may go through now; in half-open state only one caller gets a yes. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.probeInFlight) return false;
    this.probeInFlight = true;
    return true;
  }

  recordSuccess(): void {
    this.failures = 0;
    this.openedAt = null;
    this.probeInFlight = false;
  }

  recordFailure(errorClass: string): void {
    this.failures += 1;
    this.lastError = { errorClass, at: new Date(this.options.now()) };
    // A failed probe re-opens at once; a closed circuit opens at the threshold.
    if (this.probeInFlight || this.failures >= this.options.failureThreshold)
      this.openedAt = this.options.now();
    this.probeInFlight = false;
  }

  /** A call that was let through but never made (e.g. no budget left): frees the probe slot. */
  release(): void {
    this.probeInFlight = false;
  }
}
