import { isIP } from 'node:net';
import { plainToInstance, Transform } from 'class-transformer';
import { validateCronExpression } from 'cron';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  isURL,
  Matches,
  Max,
  Min,
  ValidateBy,
  validateSync,
} from 'class-validator';

export const AI_BACKENDS = ['auto', 'claude', 'ollama', 'local', 'mock'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const NODE_ENVS = ['development', 'production', 'test'] as const;
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;
const emptyToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const postgresUrl = { protocols: ['postgres', 'postgresql'], require_tld: false };

/**
 * A postgres:// URL with a host, or one that names a Unix-socket directory in its `host`
 * parameter (`postgresql:///pai?host=/var/run/postgresql`), as libpq and node-postgres read
 * it. On the same machine the socket costs less CPU per statement than loopback TCP.
 */
export function isPostgresUrl(value: string): boolean {
  if (isURL(value, postgresUrl)) return true;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    (url.protocol === 'postgres:' || url.protocol === 'postgresql:') &&
    (url.searchParams.get('host') ?? '').startsWith('/')
  );
}
const httpUrl = { protocols: ['http', 'https'], require_tld: false };

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address, a subnet (address/bits) or one of Express's names for a range. */
function isProxyEntry(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, bits, extra] = entry.split('/');
  const family = isIP(address ?? '');
  if (!family || extra !== undefined) return false;
  return (
    bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128))
  );
}

function IsCronExpression(name: string) {
  return ValidateBy({
    name: 'isCronExpression',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && validateCronExpression(value).valid,
      defaultMessage: () =>
        `${name} must be a cron expression, e.g. "0 2 * * *" (daily at 02:00 UTC)`,
    },
  });
}

function IsTrustProxy() {
  return ValidateBy({
    name: 'isTrustProxy',
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'string') return false;
        const trimmed = value.trim();
        if (trimmed === 'false' || /^\d{1,2}$/.test(trimmed)) return true;
        const entries = trimmed.split(',').map((entry) => entry.trim());
        return entries.length > 0 && entries.every(isProxyEntry);
      },
      defaultMessage: (args) =>
        String(args?.value).trim() === 'true'
          ? 'TRUST_PROXY=true would trust every hop, so any client could pick its own address with X-Forwarded-For (and dodge the per-address limits): set the number of proxies in front of the server (e.g. 1) or their addresses/subnets (e.g. 10.0.0.0/8, or loopback)'
          : 'TRUST_PROXY must be false, a hop count, or a comma-separated list of proxy addresses, subnets or loopback/linklocal/uniquelocal',
    },
  });
}

/**
 * Every environment variable the server reads, validated once at start-up so a typo
 * stops the server with the variable's name instead of surfacing at the first request.
 */
export class EnvironmentVariables {
  @IsIn(NODE_ENVS)
  NODE_ENV: (typeof NODE_ENVS)[number] = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 8000;

  @IsString()
  HOST = '0.0.0.0';

  @Transform(emptyToUndefined)
  @IsOptional()
  @ValidateBy({
    name: 'isPostgresUrl',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isPostgresUrl(value),
      defaultMessage: () => 'DATABASE_URL must be a postgres:// or postgresql:// URL',
    },
  })
  DATABASE_URL?: string;

  @IsString()
  DATA_DIR = './data';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  DATABASE_POOL_SIZE = 10;

  /**
   * Comma-separated postgres:// URLs of streaming replicas of DATABASE_URL: reads that may lag
   * (list, search, related, tags, export, usage) go there; unset, every query goes to the primary.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @ValidateBy({
    name: 'isPostgresUrlList',
    validator: {
      validate: (value: unknown, args) =>
        typeof value === 'string' &&
        value.split(',').every((url) => isPostgresUrl(url.trim())) &&
        Boolean((args?.object as { DATABASE_URL?: string }).DATABASE_URL),
      defaultMessage: (args) =>
        (args?.object as { DATABASE_URL?: string }).DATABASE_URL
          ? 'DATABASE_READ_URLS must be a comma-separated list of postgres:// or postgresql:// URLs'
          : 'DATABASE_READ_URLS needs DATABASE_URL: replicas follow a primary you run, not the embedded PostgreSQL',
    },
  })
  DATABASE_READ_URLS?: string;

  /** A replica whose replay is further behind the primary than this is skipped until it catches up. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  READ_REPLICA_MAX_LAG_MS = 5000;

  @IsIn(AI_BACKENDS)
  AI_BACKEND: (typeof AI_BACKENDS)[number] = 'auto';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  ANTHROPIC_API_KEY?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl(httpUrl, { message: 'ANTHROPIC_BASE_URL must be an http(s) URL' })
  ANTHROPIC_BASE_URL?: string;

  @IsString()
  CLAUDE_MODEL = 'claude-sonnet-4-6';

  @IsString()
  CLAUDE_FALLBACK_MODEL = 'claude-haiku-4-5';

  @IsUrl(httpUrl, { message: 'OLLAMA_BASE_URL must be an http(s) URL' })
  OLLAMA_BASE_URL = 'http://127.0.0.1:11434';

  @IsString()
  OLLAMA_MODEL = 'llama3.1';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  RATE_LIMIT_PER_MINUTE = 100;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  AUTH_FAILURES_PER_MINUTE = 20;

  /** Requests with a body but no valid key, per client address, refused before the body is read. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  UNAUTHENTICATED_PER_MINUTE = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  AI_REQUESTS_PER_MINUTE = 100;

  /** One Claude request; the SDK default (10 min) would stall a job. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600000)
  AI_TIMEOUT_MS = 20000;

  /** One Ollama request; local models on a CPU are slower than an API. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600000)
  OLLAMA_TIMEOUT_MS = 30000;

  /** Wall-clock budget for one AI operation across Claude and Ollama, retries included. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600000)
  AI_CALL_BUDGET_MS = 45000;

  /** Retries per backend after the first attempt (the SDKs' own retries are off). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(5)
  AI_MAX_RETRIES = 2;

  /** Consecutive failures that open a backend's circuit. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  AI_CIRCUIT_FAILURE_THRESHOLD = 5;

  /** How long an open circuit skips its backend before one probe call. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600000)
  AI_CIRCUIT_COOLDOWN_MS = 60000;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl(
    { protocols: ['redis', 'rediss'], require_tld: false },
    { message: 'REDIS_URL must be a redis:// or rediss:// URL' },
  )
  REDIS_URL?: string;

  /** Prefix of every Redis key this install writes, so several installs (or test runs) can share one Redis. */
  @Matches(/^[A-Za-z0-9:_-]{0,64}$/, {
    message: 'REDIS_KEY_PREFIX must be up to 64 of [A-Za-z0-9:_-]',
  })
  REDIS_KEY_PREFIX = '';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  /** auto: readable lines on an interactive terminal, JSON lines otherwise (files, containers, log shippers). */
  @IsIn(LOG_FORMATS, { message: `LOG_FORMAT must be one of ${LOG_FORMATS.join(', ')}` })
  LOG_FORMAT: (typeof LOG_FORMATS)[number] = 'auto';

  /** Comma-separated origins allowed by CORS; empty allows none (the dashboard is same-origin). */
  @IsString()
  CORS_ORIGINS = '';

  /**
   * Express "trust proxy": `false`, a hop count, or a comma-separated list of proxy
   * addresses/subnets. Anything else (`true` above all) would let clients spoof X-Forwarded-For.
   */
  @IsTrustProxy()
  TRUST_PROXY = 'false';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^pai_[A-Za-z0-9_-]{32,128}$/, {
    message: 'BOOTSTRAP_ADMIN_KEY must be "pai_" followed by 32 to 128 of [A-Za-z0-9_-]',
  })
  BOOTSTRAP_ADMIN_KEY?: string;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  API_KEY_CACHE_TTL_SECONDS = 30;

  /** Open /api/v1/events streams one key may hold on one instance; one more gets 429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  EVENT_STREAMS_PER_KEY = 5;

  /** Cron jobs (retention, consciousness checks). Off for tests and maintenance windows. */
  @Transform(toBoolean)
  @IsBoolean({ message: 'SCHEDULER_ENABLED must be true or false' })
  SCHEDULER_ENABLED = true;

  /**
   * Due users one scheduler pass reads per query (a keyset page): memory stays flat however
   * many users are due at once.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  SCHEDULER_BATCH_SIZE = 50;

  /** Scheduled consciousness checks one process runs at once, so a tick leaves room for requests. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  SCHEDULER_CONCURRENCY = 2;

  /** Run the analysis workers in this process; false when `npm run worker` processes do it. */
  @Transform(toBoolean)
  @IsBoolean({ message: 'WORKERS_ENABLED must be true or false' })
  WORKERS_ENABLED = true;

  /** Analysis jobs one process works on at once (AI calls are I/O-bound). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  WORKER_CONCURRENCY = 2;

  /** Bulk analysis jobs (re-analysis, imports) one process works on at once, besides WORKER_CONCURRENCY. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  BULK_WORKER_CONCURRENCY = 2;

  /** Bulk analysis jobs of one user running at once across all processes, so one user's bulk work leaves room for others'. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  BULK_JOBS_PER_USER = 1;

  /** Thoughts a re-analysis selects and queues per transaction, in the background. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  REANALYSIS_CHUNK_SIZE = 500;

  /**
   * A re-analysis whose backend is Claude sends its thoughts through the Message Batches API
   * (half price, answers within 24 h) once it has selected more than this many; 0 never batches.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(100_000)
  CLAUDE_BATCH_MIN = 50;

  /** First wait before polling a submitted batch; each poll that finds it still processing doubles it. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  CLAUDE_BATCH_POLL_MIN_SECONDS = 30;

  /** The longest wait between two polls of a batch. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  CLAUDE_BATCH_POLL_MAX_SECONDS = 600;

  /** Worker threads for the local backend's CPU-heavy analysis, so it never blocks the event loop. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(16)
  LOCAL_AI_THREADS = 1;
  /** Largest file POST /import accepts (bytes); it is spooled to disk, never held in memory. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(10 * 1024 * 1024 * 1024)
  IMPORT_MAX_BYTES = 100 * 1024 * 1024;

  /** A job active this long without finishing (its worker died) is retried elsewhere. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  ANALYSIS_JOB_EXPIRE_SECONDS = 120;

  /** Retries of a failed analysis, with exponential backoff from ANALYSIS_RETRY_DELAY_SECONDS. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(20)
  ANALYSIS_RETRY_LIMIT = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  ANALYSIS_RETRY_DELAY_SECONDS = 2;

  /** How often the queue looks for jobs whose worker died (expired) and does maintenance. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  QUEUE_SUPERVISE_INTERVAL_SECONDS = 30;

  /** Where snapshots go; unset means `backups` under DATA_DIR. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  BACKUP_DIR?: string;

  /** When the scheduled backup runs, in UTC (each is followed by its restore drill). */
  @IsCronExpression('BACKUP_CRON')
  BACKUP_CRON = '0 2 * * *';

  /** When the scheduler looks for due consciousness checks, in UTC (each user's interval decides who is due). */
  @IsCronExpression('CONSCIOUSNESS_CRON')
  CONSCIOUSNESS_CRON = '0 */5 * * * *';

  /** When retention runs, in UTC: after the backup and its drill. */
  @IsCronExpression('RETENTION_CRON')
  RETENTION_CRON = '0 15 3 * * *';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  BACKUP_RETENTION_DAYS = 30;

  /** Retention (one daily job, RETENTION_CRON, logs what each rule removed): pending task suggestions expire after this. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  SUGGESTION_RETENTION_DAYS = 90;

  /** AI audit (ledger) rows are deleted after this. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  AI_AUDIT_RETENTION_DAYS = 30;

  /** Consciousness checks are deleted after this, unless pinned. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  CHECK_RETENTION_DAYS = 7;

  /** Bearer token for GET /metrics (Prometheus); unset, the route answers 404 and nothing is measured. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[\x21-\x7e]{16,256}$/, {
    message: 'METRICS_TOKEN must be 16 to 256 printable characters without spaces',
  })
  METRICS_TOKEN?: string;

  /** Test aid (AI_BACKEND=mock only): how long the mock backend takes per answer. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600_000)
  MOCK_AI_DELAY_MS = 0;
}

/** Used by ConfigModule.validate: throws one message naming every bad variable. */
export function validateEnv(raw: Record<string, unknown>): EnvironmentVariables {
  const env = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: true });
  if (errors.length > 0) {
    const lines = errors.map((error) => {
      const constraint = Object.values(error.constraints ?? {})[0] ?? 'is invalid';
      // Never echo the value: it may be a secret (ANTHROPIC_API_KEY, BOOTSTRAP_ADMIN_KEY).
      return `  - ${error.property}: ${constraint}`;
    });
    throw new Error(`Invalid configuration, the server will not start:\n${lines.join('\n')}`);
  }
  return env;
}
