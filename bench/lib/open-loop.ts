/**
 * An open-loop load generator: request i starts at t0 + i / rate whether or not earlier ones
 * have answered, so a slow server shows as a long tail instead of as fewer requests (the
 * coordinated omission a closed loop like wrk's hides). Latency is measured from the
 * scheduled start, as wrk2 does, so a generator that falls behind is charged to the tail too
 * and cannot flatter the figures. Bodies and keys vary as in wrk.lua.
 */
import { Agent, request } from 'node:http';
import type { LoadResult } from './wrk.js';

export interface OpenLoopSpec {
  label: string;
  baseUrl: string;
  mode: 'post' | 'get';
  keys: string[];
  paths: string[];
  /** Requests per second asked for. */
  rate: number;
  /** The run's length; with `until`, its longest. */
  seconds: number;
  /** When given, no request starts after it settles (a phase that lasts as long as something else). */
  until?: Promise<unknown>;
}

export interface OpenLoopResult extends LoadResult {
  /** The asked rate and the rate at which requests were actually started and answered. */
  askedRps: number;
  startedRps: number;
  /** Failed requests by status code or error code ("429: 3, ECONNRESET: 1"); empty when none. */
  failureReasons: string;
}

const WORDS = [
  'call',
  'meeting',
  'project',
  'idea',
  'budget',
  'garden',
  'review',
  'plan',
  'email',
  'book',
];
const pick = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)]!;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function runOpenLoop(spec: OpenLoopSpec): Promise<OpenLoopResult> {
  const url = new URL(spec.baseUrl);
  if (url.hostname !== '127.0.0.1')
    throw new Error(`refusing to load anything but 127.0.0.1 (${spec.baseUrl})`);
  // Enough sockets that a slow answer never delays the next start (that would close the loop).
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const latencies: number[] = [];
  let failures = 0;
  const reasons = new Map<string, number>();
  let counter = 0;
  const total = Math.round(spec.rate * spec.seconds);
  const interval = 1000 / spec.rate;
  const send = (scheduled: number) =>
    new Promise<void>((resolve) => {
      const headers: Record<string, string> = { authorization: `Bearer ${pick(spec.keys)}` };
      let body: string | undefined;
      if (spec.mode === 'post') {
        counter++;
        body = JSON.stringify({
          content: `open ${counter}: ${pick(WORDS)} the ${pick(WORDS)} before the ${pick(WORDS)}`,
          tags: ['bench'],
        });
        headers['content-type'] = 'application/json';
        headers['content-length'] = String(Buffer.byteLength(body));
      }
      const done = (ok: boolean, reason = '') => {
        latencies.push(performance.now() - scheduled);
        if (!ok) {
          failures++;
          reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
        }
        resolve();
      };
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: spec.mode === 'post' ? 'POST' : 'GET',
          path: spec.mode === 'post' ? spec.paths[0] : pick(spec.paths),
          headers,
          timeout: 10_000,
        },
        (res) => {
          res.resume();
          res.once('end', () => done((res.statusCode ?? 500) < 400, String(res.statusCode)));
          res.once('error', (error: NodeJS.ErrnoException) =>
            done(false, error.code ?? error.message),
          );
        },
      );
      req.once('timeout', () => req.destroy(new Error('timeout')));
      req.once('error', (error: NodeJS.ErrnoException) => done(false, error.code ?? error.message));
      req.end(body);
    });

  let stopped = false;
  const stop = () => (stopped = true);
  // Rejected or resolved, it ends the run; whoever made it deals with its error.
  spec.until?.then(stop, stop);
  const inflight: Promise<void>[] = [];
  const t0 = performance.now();
  let next = 0;
  let lastStart = t0;
  while (next < total && !stopped) {
    const now = performance.now();
    // Start every request whose time has come (a late timer starts several at once).
    while (next < total && !stopped && t0 + next * interval <= now) {
      inflight.push(send(t0 + next * interval));
      next++;
      lastStart = now;
    }
    if (next < total && !stopped)
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, t0 + next * interval - performance.now())),
      );
  }
  await Promise.all(inflight);
  const end = performance.now();
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const startSpan = (lastStart - t0) / 1000;
  return {
    label: spec.label,
    connections: 0,
    seconds: stopped ? startSpan : spec.seconds,
    requests: latencies.length,
    rps: latencies.length / ((end - t0) / 1000),
    askedRps: spec.rate,
    // Starts over the span they took: equals the asked rate when the schedule was kept.
    startedRps: next > 1 ? (next - 1) / startSpan : NaN,
    failures,
    failureReasons: [...reasons].map(([reason, count]) => `${reason}: ${count}`).join(', '),
    p50: percentile(latencies, 50),
    p75: percentile(latencies, 75),
    p90: percentile(latencies, 90),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
  };
}
