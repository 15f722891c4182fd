import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { freePort, ServerProcess } from '../../support/server-process.js';
import {
  CaptureLoad,
  errorsByStatus,
  maxLatency,
  percentile,
  type StoredCheck,
} from './capture-load.js';
import { type FigureValue, SHORT } from './figures.js';

export const ADMIN_KEY = 'pai_faults_rel_admin_key_0123456789abcdefgh';

/** Full profile: the 50 connections for 60 s; short: enough to cross a fault in CI. */
export const LOAD = SHORT
  ? { connections: 16, durationMs: 12_000, faultAtMs: 3_000 }
  : { connections: 50, durationMs: 60_000, faultAtMs: 20_000 };

export function workDir(prefix: string): string {
  const dir = mkdtempSync(path.join(path.resolve('.test-tmp'), prefix));
  return dir;
}

/** The built server on a free port with a limit no load here reaches (rate limiting is not under test). */
export async function startServer(
  env: Record<string, string>,
  cwd: string,
): Promise<ServerProcess> {
  const server = new ServerProcess(
    await freePort(),
    {
      BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
      RATE_LIMIT_PER_MINUTE: '100000',
      SCHEDULER_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      ...env,
    },
    cwd,
  );
  server.start();
  await server.waitHealthy(90_000);
  return server;
}

export function captureLoad(
  server: ServerProcess,
  marker: string,
  overrides: Partial<typeof LOAD> & { pauseMs?: number } = {},
): CaptureLoad {
  const { connections, durationMs, pauseMs } = { ...LOAD, ...overrides };
  return new CaptureLoad({
    baseUrl: server.baseUrl,
    apiKey: ADMIN_KEY,
    connections,
    durationMs,
    marker,
    pauseMs,
  });
}

/** Resolves once the run's clock reaches `ms` (the fault's place in the schedule). */
export async function untilElapsed(load: CaptureLoad, ms: number): Promise<void> {
  while (load.elapsed() < ms)
    await new Promise((resolve) => setTimeout(resolve, Math.min(100, ms - load.elapsed())));
}

/** Health status codes with their time, polled while a fault lasts, and when it is 200 again. */
export class HealthWatch {
  readonly seen: { at: number; status: number | 'network' }[] = [];
  private stopped = false;
  private loop?: Promise<void>;

  constructor(
    private readonly server: ServerProcess,
    private readonly clock: () => number,
  ) {}

  start(): this {
    this.loop = (async () => {
      while (!this.stopped) {
        const at = this.clock();
        let status: number | 'network';
        try {
          const response = await fetch(`${this.server.baseUrl}/api/v1/health`, {
            signal: AbortSignal.timeout(10_000),
          });
          status = response.status;
          await response.body?.cancel();
        } catch {
          status = 'network';
        }
        this.seen.push({ at, status });
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  /** The first time at or after `from` that health answered 200. */
  firstHealthyAfter(from: number): number | undefined {
    return this.seen.find((entry) => entry.at >= from && entry.status === 200)?.at;
  }

  unhealthySeen(from: number, to: number): boolean {
    return this.seen.some((entry) => entry.at >= from && entry.at < to && entry.status !== 200);
  }
}

/** The figures every fault scenario prints: counts, errors by status, and p99 around the fault. */
export function loadFigures(
  load: CaptureLoad,
  faultFrom: number,
  faultTo: number,
): Record<string, FigureValue> {
  return {
    connections: LOAD.connections,
    duration_s: LOAD.durationMs / 1000,
    attempts: load.samples.length,
    acknowledged: load.acknowledged.size,
    retried: load.retried,
    abandoned: load.abandoned,
    errors_by_status: JSON.stringify(errorsByStatus(load.samples)),
    p99_before_ms: percentile(load.samples, 99, 0, faultFrom),
    p99_during_ms: percentile(load.samples, 99, faultFrom, faultTo),
    p99_after_ms: percentile(load.samples, 99, faultTo),
    max_latency_ms: maxLatency(load.samples),
  };
}

export const NOTHING_WRONG: StoredCheck = { missing: [], duplicated: [], wrongId: [] };
