import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openEventStream, type OpenedStream } from '../support/event-stream-client.js';
import type { ServerProcess } from '../support/server-process.js';
import type { TestApp } from '../support/test-app.js';
import { type AttemptSample, percentile } from './support/capture-load.js';
import { ADMIN_KEY, startServer, workDir } from './support/fault-run.js';
import { recordFigures, RESULTS_DIR, SHORT } from './support/figures.js';
import { median, MixedTraffic, slope } from './support/mixed-traffic.js';

const SECTION = 'soak';
const METRICS_TOKEN = 'soak-metrics-token-0123456789';
const MINUTE = 60_000;
const DURATION_MS = Number(process.env.SOAK_MINUTES ?? (SHORT ? 2 : 30)) * MINUTE;
/** The level everything is compared with is taken once the process has warmed up. */
const WARM_UP_MS = DURATION_MS >= 20 * MINUTE ? 5 * MINUTE : DURATION_MS / 4;
/** The reference (just after warm-up) and the end are each a window's median, not one sample: a window spans about one cycle of the heap's rise and fall between major collections. */
const WINDOW_MS = Math.max(30_000, DURATION_MS / 10);
const SAMPLE_EVERY_MS = DURATION_MS >= 20 * MINUTE ? 5_000 : 2_000;
const PER_SECOND = 10;
const EVENT_STREAMS = 2;

interface MemorySample {
  at: number;
  rss: number;
  /** Heap in use just after the server's last full collection (NaN before the first). */
  heap: number;
  heapUsed: number;
}

async function memory(server: ServerProcess, at: number): Promise<MemorySample> {
  const response = await fetch(`${server.baseUrl}/metrics`, {
    headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
  });
  const text = await response.text();
  const read = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
  return {
    at,
    rss: read('pai_process_resident_memory_bytes'),
    heap: read('pai_process_heap_after_full_gc_bytes'),
    heapUsed: read('pai_process_heap_used_bytes'),
  };
}

/** Level at the reference window and at the end, and the fitted rise across the run, as fractions of the reference. */
function trend(samples: MemorySample[], field: 'rss' | 'heap', end: number) {
  const measured = samples.filter((s) => s.at >= WARM_UP_MS && Number.isFinite(s[field]));
  // The heap after a full collection exists once one has run: the reference starts there.
  const from = measured[0]?.at ?? WARM_UP_MS;
  const reference = median(measured.filter((s) => s.at < from + WINDOW_MS).map((s) => s[field]));
  const last = median(measured.filter((s) => s.at >= end - WINDOW_MS).map((s) => s[field]));
  const perMs = slope(measured.map((s) => ({ x: s.at, y: s[field] })));
  const span = measured.length ? measured[measured.length - 1]!.at - measured[0]!.at : 0;
  return {
    reference,
    last,
    points: measured.length,
    endRatio: last / reference,
    fittedRise: (perMs * span) / reference,
  };
}

function p99Series(
  samples: AttemptSample[],
): { from_s: number; p99_ms: number; requests: number }[] {
  const series = [];
  for (let from = 0; from < DURATION_MS; from += WINDOW_MS / 2) {
    const to = from + WINDOW_MS / 2;
    series.push({
      from_s: from / 1000,
      p99_ms: percentile(samples, 99, from, to),
      requests: samples.filter((s) => s.at >= from && s.at < to).length,
    });
  }
  return series;
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 102.4) / 10;

/**
 * Steady mixed traffic on the embedded default (no DATABASE_URL) for SOAK_MINUTES (30 full,
 * 2 short): memory at the end is within 10% of its level after warm-up with no growth
 * trend, latency does not drift, and nothing fails.
 */
describe('soak: steady mixed traffic on the embedded default', () => {
  let dir: string;
  let server: ServerProcess | undefined;
  const streams: OpenedStream[] = [];

  beforeAll(() => {
    dir = workDir('soak-');
    chmodSync(dir, 0o755);
  });

  afterAll(async () => {
    for (const stream of streams) stream.abort();
    await server?.stop('SIGTERM');
    const pidFile = path.join(dir, 'data', 'postgres', 'postmaster.pid');
    try {
      process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGINT');
    } catch {
      // Already stopped with the server.
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'holds memory and latency steady and fails nothing',
    async () => {
      server = await startServer(
        {
          DATA_DIR: path.join(dir, 'data'),
          EMBEDDED_PG_PORT: '0',
          AI_BACKEND: 'local',
          METRICS_TOKEN,
          SCHEDULER_ENABLED: 'true',
        },
        dir,
      );
      for (let i = 0; i < EVENT_STREAMS; i++) {
        const stream = await openEventStream({ baseUrl: server.baseUrl } as TestApp, ADMIN_KEY);
        expect(stream.status).toBe(200);
        streams.push(stream);
      }
      const traffic = new MixedTraffic(server.baseUrl, ADMIN_KEY, PER_SECOND);
      const memorySamples: MemorySample[] = [];
      let sampling = true;
      const running = traffic.run(DURATION_MS);
      const sampler = (async () => {
        while (sampling) {
          memorySamples.push(await memory(server!, traffic.elapsed()));
          await new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY_MS));
        }
      })();
      await running;
      sampling = false;
      await sampler;

      const rss = trend(memorySamples, 'rss', DURATION_MS);
      const heap = trend(memorySamples, 'heap', DURATION_MS);
      // A check run reads many thoughts by design; the p99 that must not drift is the interactive one.
      const asAttempts = traffic.samples
        .filter((s) => s.kind !== 'check-run')
        .map((s) => ({ at: s.at, latencyMs: s.latencyMs, outcome: s.status })) as AttemptSample[];
      const p99First = percentile(asAttempts, 99, WARM_UP_MS, WARM_UP_MS + WINDOW_MS);
      const p99Last = percentile(asAttempts, 99, DURATION_MS - WINDOW_MS);
      const failures = traffic.samples.filter(
        (s) => typeof s.status !== 'number' || s.status >= 400,
      );
      const byKind: Record<string, number> = {};
      for (const s of traffic.samples) byKind[s.kind] = (byKind[s.kind] ?? 0) + 1;
      const eventsReceived = streams.map(
        (stream) => (stream.received().match(/^event:/gm) ?? []).length,
      );
      recordFigures(SECTION, {
        minutes: DURATION_MS / MINUTE,
        requests_per_second: PER_SECOND,
        requests: traffic.samples.length,
        by_kind: JSON.stringify(byKind),
        failures: failures.length,
        failures_by_status: JSON.stringify(
          failures.reduce<Record<string, number>>(
            (acc, s) => ({ ...acc, [String(s.status)]: (acc[String(s.status)] ?? 0) + 1 }),
            {},
          ),
        ),
        events_received: eventsReceived.join(' / '),
        memory_samples: memorySamples.length,
        rss_after_warm_up_mb: mb(rss.reference),
        rss_end_mb: mb(rss.last),
        rss_fitted_rise_pct: Math.round(rss.fittedRise * 1000) / 10,
        heap_after_full_gc_after_warm_up_mb: mb(heap.reference),
        heap_after_full_gc_end_mb: mb(heap.last),
        heap_fitted_rise_pct: Math.round(heap.fittedRise * 1000) / 10,
        heap_used_range_mb: `${mb(Math.min(...memorySamples.map((s) => s.heapUsed)))}-${mb(Math.max(...memorySamples.map((s) => s.heapUsed)))}`,
        p99_first_window_ms: p99First,
        p99_last_window_ms: p99Last,
      });

      // The series behind the figures, for a reader who wants the curve (not committed).
      // In a folder of its own: the runner reads every top-level .json file as a section.
      mkdirSync(path.join(RESULTS_DIR, 'series'), { recursive: true });
      writeFileSync(
        path.join(RESULTS_DIR, 'series', 'soak.json'),
        JSON.stringify({ memory: memorySamples, p99_per_window: p99Series(asAttempts) }),
      );

      expect(failures).toEqual([]);
      expect(eventsReceived.every((count) => count > 0)).toBe(true);
      // Hundreds of megabytes allocated: full collections did run, so the heap figures are real.
      expect(heap.points).toBeGreaterThan(0);
      expect(rss.endRatio).toBeLessThanOrEqual(1.1);
      expect(heap.endRatio).toBeLessThanOrEqual(1.1);
      expect(rss.fittedRise).toBeLessThan(0.1);
      expect(heap.fittedRise).toBeLessThan(0.1);
      // Latency does not drift: the last window's p99 stays within a factor of the first's.
      // (A factor, not a timing: a shared machine's noise moves a 20 s window's p99 a lot.)
      expect(p99Last).toBeLessThan(p99First * 3 + 100);
    },
    DURATION_MS + 5 * MINUTE,
  );
});
