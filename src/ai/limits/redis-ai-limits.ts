import type { Redis } from 'ioredis';
import type { AiBackendName } from '../ai.types.js';
import type { CircuitState } from '../circuit-breaker.js';
import {
  type AiLimitOptions,
  type AiLimits,
  type Breaker,
  type BreakerView,
  LocalAiLimits,
} from './ai-limits.js';
import { ACQUIRE, RECORD_FAILURE, TAKE_TOKEN } from './redis-ai-scripts.js';

const BUCKET_TTL_MS = 120_000;
/** Consecutive failures are forgotten after an hour without one (the local breaker never forgets). */
const MIN_STATE_TTL_MS = 3_600_000;

export interface DegradeNotice {
  (error: Error): void;
}

/**
 * AI_REQUESTS_PER_MINUTE and the circuit breakers shared by every process on one Redis:
 * a budget of N per minute is N for the whole installation, and a backend one instance found
 * failing is skipped by all. When Redis cannot answer, each call falls back to this process's
 * own budget and breakers (and says so through `onDegrade`), so AI keeps working.
 */
export class RedisAiLimits implements AiLimits {
  private readonly fallback: LocalAiLimits;
  private readonly breakers = new Map<AiBackendName, RedisBreaker>();

  constructor(
    private readonly redis: Redis,
    private readonly options: AiLimitOptions,
    private readonly onDegrade: DegradeNotice,
  ) {
    this.fallback = new LocalAiLimits(options);
  }

  takeRequest(): Promise<boolean> {
    return this.guarded(
      async () =>
        (await this.redis.eval(
          TAKE_TOKEN,
          1,
          'ai:rpm',
          this.options.now(),
          this.options.requestsPerMinute,
          BUCKET_TTL_MS,
        )) === 1,
      () => this.fallback.takeRequest(),
    );
  }

  breaker(name: AiBackendName): Breaker {
    let breaker = this.breakers.get(name);
    if (!breaker) {
      breaker = new RedisBreaker(
        name,
        this.redis,
        this.options,
        this.fallback.breaker(name),
        (run, local) => this.guarded(run, local),
      );
      this.breakers.set(name, breaker);
    }
    return breaker;
  }

  private async guarded<T>(run: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      this.onDegrade(error as Error);
      return local();
    }
  }
}

type Guard = <T>(run: () => Promise<T>, local: () => Promise<T>) => Promise<T>;

class RedisBreaker implements Breaker {
  private readonly key: string;
  private readonly probeKey: string;

  constructor(
    name: AiBackendName,
    private readonly redis: Redis,
    private readonly options: AiLimitOptions,
    private readonly local: Breaker,
    private readonly guarded: Guard,
  ) {
    this.key = `ai:breaker:${name}`;
    this.probeKey = `ai:breaker:${name}:probe`;
  }

  tryAcquire(): Promise<boolean> {
    const { cooldownMs } = this.options.circuit;
    return this.guarded(
      // A probe whose caller died frees itself after one cool-down.
      async () =>
        (await this.redis.eval(
          ACQUIRE,
          2,
          this.key,
          this.probeKey,
          this.options.now(),
          cooldownMs,
          Math.max(1000, cooldownMs),
        )) !== 0,
      () => this.local.tryAcquire(),
    );
  }

  recordSuccess(): Promise<void> {
    return this.guarded(
      async () => void (await this.redis.del(this.key, this.probeKey)),
      () => this.local.recordSuccess(),
    );
  }

  recordFailure(errorClass: string): Promise<void> {
    const { failureThreshold, cooldownMs } = this.options.circuit;
    const ttl = Math.max(MIN_STATE_TTL_MS, cooldownMs * 2);
    return this.guarded(
      async () =>
        void (await this.redis.eval(
          RECORD_FAILURE,
          2,
          this.key,
          this.probeKey,
          this.options.now(),
          failureThreshold,
          errorClass,
          ttl,
        )),
      () => this.local.recordFailure(errorClass),
    );
  }

  release(): Promise<void> {
    return this.guarded(
      async () => void (await this.redis.del(this.probeKey)),
      () => this.local.release(),
    );
  }

  view(): Promise<BreakerView> {
    return this.guarded(
      async () => {
        const [failures, openedAt, errorClass, errorAt] = await this.redis.hmget(
          this.key,
          'failures',
          'opened_at',
          'err',
          'err_at',
        );
        let state: CircuitState = 'closed';
        if (openedAt !== null)
          state =
            this.options.now() - Number(openedAt) >= this.options.circuit.cooldownMs
              ? 'half_open'
              : 'open';
        return {
          state,
          consecutiveFailures: Number(failures ?? 0),
          lastFailure:
            errorClass !== null && errorAt !== null
              ? { errorClass, at: new Date(Number(errorAt)) }
              : null,
        };
      },
      () => this.local.view(),
    );
  }
}
