import type { AiBackendName } from '../ai.types.js';
import { CircuitBreaker, type CircuitState } from '../circuit-breaker.js';
import { TokenBucket } from '../token-bucket.js';

export interface BreakerView {
  state: CircuitState;
  consecutiveFailures: number;
  lastFailure: { errorClass: string; at: Date } | null;
}

/** One backend's circuit breaker, wherever its state lives (see CircuitBreaker for the rules). */
export interface Breaker {
  tryAcquire(): Promise<boolean>;
  recordSuccess(): Promise<void>;
  recordFailure(errorClass: string): Promise<void>;
  release(): Promise<void>;
  view(): Promise<BreakerView>;
}

/** AI_REQUESTS_PER_MINUTE and the circuit breakers: per process, or shared through Redis. */
export interface AiLimits {
  /** Takes one request from the AI budget if there is one. */
  takeRequest(): Promise<boolean>;
  breaker(name: AiBackendName): Breaker;
}

export interface AiLimitOptions {
  requestsPerMinute: number;
  circuit: { failureThreshold: number; cooldownMs: number };
  now: () => number;
}

/** The in-memory breaker behind the async interface. */
export class LocalBreaker implements Breaker {
  constructor(readonly inner: CircuitBreaker) {}

  async tryAcquire(): Promise<boolean> {
    return this.inner.tryAcquire();
  }

  async recordSuccess(): Promise<void> {
    this.inner.recordSuccess();
  }

  async recordFailure(errorClass: string): Promise<void> {
    this.inner.recordFailure(errorClass);
  }

  async release(): Promise<void> {
    this.inner.release();
  }

  async view(): Promise<BreakerView> {
    return {
      state: this.inner.state,
      consecutiveFailures: this.inner.consecutiveFailures,
      lastFailure: this.inner.lastFailure,
    };
  }
}

/** Budget and breakers in this process's memory: what runs without REDIS_URL. */
export class LocalAiLimits implements AiLimits {
  private readonly bucket: TokenBucket;
  private readonly breakers = new Map<AiBackendName, LocalBreaker>();

  constructor(private readonly options: AiLimitOptions) {
    this.bucket = new TokenBucket(options.requestsPerMinute, options.now);
  }

  async takeRequest(): Promise<boolean> {
    return this.bucket.tryTake();
  }

  breaker(name: AiBackendName): LocalBreaker {
    let breaker = this.breakers.get(name);
    if (!breaker) {
      breaker = new LocalBreaker(
        new CircuitBreaker({ ...this.options.circuit, now: this.options.now }),
      );
      this.breakers.set(name, breaker);
    }
    return breaker;
  }
}
