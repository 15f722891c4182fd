import { randomUUID } from 'node:crypto';
import pg from 'pg';

/** One HTTP attempt: when it started (ms since the run began), how long it took, and its outcome. */
export interface AttemptSample {
  at: number;
  latencyMs: number;
  /** HTTP status, or `network` (refused/reset) or `timeout` (no answer within the client's bound). */
  outcome: number | 'network' | 'timeout';
}

export interface CaptureLoadOptions {
  baseUrl: string;
  apiKey: string;
  connections: number;
  durationMs: number;
  /** Put in every thought's content, so the check finds exactly this run's thoughts. */
  marker: string;
  /** A client gives up on one attempt after this long (and retries with the same key). */
  attemptTimeoutMs?: number;
  /** After the run ends, how long an unacknowledged capture keeps retrying. */
  settleMs?: number;
  /** Pause between one connection's captures (0: closed loop, as fast as the server answers). */
  pauseMs?: number;
}

/** Statuses a careful client retries with the same Idempotency-Key. */
const RETRIABLE = new Set<number | string>([503, 502, 504, 429, 409, 'network', 'timeout']);

/**
 * Closed-loop capture load: each connection captures with a fresh Idempotency-Key and, on a
 * 503, a 429, a concurrent-use 409 or a dropped connection, retries the same body with the
 * same key, as a client that must not lose a thought would. Records every attempt.
 */
export class CaptureLoad {
  readonly samples: AttemptSample[] = [];
  readonly acknowledged = new Map<string, string>();
  /** Captures that needed more than one attempt. */
  retried = 0;
  /** Captures given up (a non-retriable status, or still failing after the settle time). */
  abandoned = 0;
  private started = 0;

  constructor(private readonly options: CaptureLoadOptions) {}

  /** Milliseconds since the run began (the time base of the samples). */
  elapsed(): number {
    return Date.now() - this.started;
  }

  async run(): Promise<void> {
    this.started = Date.now();
    const deadline = this.started + this.options.durationMs;
    await Promise.all(
      Array.from({ length: this.options.connections }, (_, index) =>
        this.connection(index, deadline),
      ),
    );
  }

  private async connection(index: number, deadline: number): Promise<void> {
    for (let n = 0; Date.now() < deadline; n++) {
      await this.capture(
        `${this.options.marker} c${index} n${n}`,
        deadline + (this.options.settleMs ?? 20_000),
      );
      if (this.options.pauseMs)
        await new Promise((resolve) => setTimeout(resolve, this.options.pauseMs));
    }
  }

  private async capture(content: string, giveUpAt: number): Promise<void> {
    const key = randomUUID();
    for (let attempt = 0; ; attempt++) {
      if (attempt === 1) this.retried++;
      const outcome = await this.attempt(content, key);
      if (typeof outcome === 'object') {
        this.acknowledged.set(content, outcome.id);
        return;
      }
      if (!RETRIABLE.has(outcome) || Date.now() > giveUpAt) {
        this.abandoned++;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 150));
    }
  }

  private async attempt(
    content: string,
    key: string,
  ): Promise<{ id: string } | AttemptSample['outcome']> {
    const at = this.elapsed();
    const begun = performance.now();
    let outcome: AttemptSample['outcome'];
    let acknowledged: { id: string } | undefined;
    try {
      const response = await fetch(`${this.options.baseUrl}/api/v1/thoughts`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${this.options.apiKey}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': key,
        },
        body: JSON.stringify({ content }),
        signal: AbortSignal.timeout(this.options.attemptTimeoutMs ?? 15_000),
      });
      outcome = response.status;
      if (response.status >= 200 && response.status < 300)
        acknowledged = (await response.json()) as { id: string };
      else await response.body?.cancel();
    } catch (error) {
      outcome = (error as Error).name === 'TimeoutError' ? 'timeout' : 'network';
    }
    this.samples.push({ at, latencyMs: performance.now() - begun, outcome });
    return acknowledged ?? outcome;
  }
}

/** Attempts by outcome other than 2xx, e.g. `{ "503": 120, network: 4 }`. */
export function errorsByStatus(samples: AttemptSample[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const sample of samples) {
    if (typeof sample.outcome === 'number' && sample.outcome < 300) continue;
    counts[String(sample.outcome)] = (counts[String(sample.outcome)] ?? 0) + 1;
  }
  return counts;
}

/** The p-th percentile (0..100) of the latencies of the attempts started in [from, to). */
export function percentile(samples: AttemptSample[], p: number, from = 0, to = Infinity): number {
  const values = samples
    .filter((sample) => sample.at >= from && sample.at < to)
    .map((sample) => sample.latencyMs)
    .sort((a, b) => a - b);
  if (values.length === 0) return NaN;
  return Math.round(values[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!);
}

export function maxLatency(samples: AttemptSample[]): number {
  return Math.round(samples.reduce((max, sample) => Math.max(max, sample.latencyMs), 0));
}

export interface StoredCheck {
  missing: string[];
  duplicated: string[];
  wrongId: string[];
}

/**
 * Every acknowledged capture must be stored exactly once, under the id the client was
 * given. Queries by the run's content marker, so other thoughts in the database are ignored.
 */
export async function checkStored(
  databaseUrl: string,
  marker: string,
  acknowledged: Map<string, string>,
): Promise<StoredCheck> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ content: string; id: string; copies: number }>(
      `SELECT content, min(id::text) AS id, count(*)::int AS copies FROM thoughts
        WHERE starts_with(content, $1) GROUP BY content`,
      [marker],
    );
    const stored = new Map(rows.map((row) => [row.content, row]));
    const missing = [...acknowledged.keys()].filter((content) => !stored.has(content));
    const duplicated = rows.filter((row) => row.copies !== 1).map((row) => row.content);
    const wrongId = [...acknowledged]
      .filter(([content, id]) => stored.has(content) && stored.get(content)!.id !== id)
      .map(([content]) => content);
    return { missing, duplicated, wrongId };
  } finally {
    await client.end();
  }
}
