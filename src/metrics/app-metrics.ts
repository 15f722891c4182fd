import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's metrics, in a registry of their own (prom-client's global default would
 * mix in anything a library registers). A module-level instance so a service counts an
 * event with one import, without a constructor change: incrementing costs nanoseconds, and
 * nothing is exposed unless METRICS_TOKEN is set.
 */
export const registry = new Registry();

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const httpDuration = new Histogram({
  name: 'pai_http_request_duration_seconds',
  help: 'HTTP request latency by route template, method and status.',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

export const aiCalls = new Counter({
  name: 'pai_ai_calls_total',
  help: 'AI backend calls by backend and outcome.',
  labelNames: ['backend', 'outcome'] as const,
  registers: [registry],
});

export const aiTokens = new Counter({
  name: 'pai_ai_tokens_total',
  help: 'AI tokens by backend and direction (input, output, cache_write, cache_read: Claude prompt caching).',
  labelNames: ['backend', 'direction'] as const,
  registers: [registry],
});

export const aiCost = new Counter({
  name: 'pai_ai_cost_usd_total',
  help: 'Estimated AI cost in US dollars by backend.',
  labelNames: ['backend', 'outcome'] as const,
  registers: [registry],
});

export const aiCostSaved = new Counter({
  name: 'pai_ai_cost_saved_usd_total',
  help: 'Estimated US dollars saved by Claude prompt-cache reads and Message Batches against uncached single calls, by backend and via (cache, batch).',
  labelNames: ['backend', 'via'] as const,
  registers: [registry],
});

export const aiDuration = new Histogram({
  name: 'pai_ai_call_duration_seconds',
  help: 'AI backend call latency by backend and outcome.',
  labelNames: ['backend', 'outcome'] as const,
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 45],
  registers: [registry],
});

export const jobOutcomes = new Counter({
  name: 'pai_jobs_total',
  help: 'Background jobs finished by this process, by queue and outcome (completed, failed).',
  labelNames: ['queue', 'outcome'] as const,
  registers: [registry],
});

export const consciousnessChecks = new Counter({
  name: 'pai_consciousness_checks_total',
  help: 'Consciousness checks run by this process, by trigger and outcome.',
  labelNames: ['trigger', 'outcome'] as const,
  registers: [registry],
});

/** Gauges read when scraped; MetricsService sets their collect functions. */
export const queueDepth = new Gauge({
  name: 'pai_queue_jobs',
  help: 'Jobs in the durable queue by queue and state (created and retry are waiting).',
  labelNames: ['queue', 'state'] as const,
  registers: [registry],
});

export const dbPool = new Gauge({
  name: 'pai_db_pool_connections',
  help: "This process's database pool: connections in use, idle, and requests waiting for one.",
  labelNames: ['state'] as const,
  registers: [registry],
});

export const backupAge = new Gauge({
  name: 'pai_backup_last_good_age_seconds',
  help: 'Age of the newest backup whose restore drill passed (NaN when there is none).',
  registers: [registry],
});

export const lagTolerantReads = new Counter({
  name: 'pai_db_lag_tolerant_reads_total',
  help: 'Reads that may be served by a read replica (list, search, related, tags, export, usage), by where they went and why.',
  labelNames: ['target', 'reason'] as const,
  registers: [registry],
});

export const replicaLag = new Gauge({
  name: 'pai_db_replica_lag_ms',
  help: 'How far each read replica was behind the primary at its last probe (NaN while unreachable).',
  labelNames: ['replica'] as const,
  registers: [registry],
});

export const replicaHealthy = new Gauge({
  name: 'pai_db_replica_healthy',
  help: 'Whether each read replica takes reads (1) or is skipped, being down or too far behind (0).',
  labelNames: ['replica'] as const,
  registers: [registry],
});
