import { randomUUID } from 'node:crypto';

export interface TrafficSample {
  /** Milliseconds since the traffic began. */
  at: number;
  kind: string;
  latencyMs: number;
  status: number | 'network' | 'timeout';
}

interface Request {
  kind: string;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

const WORDS = [
  'garden',
  'invoice',
  'meeting',
  'sprint',
  'dentist',
  'holiday',
  'budget',
  'recipe',
  'release',
  'running',
];

/**
 * Open-loop mixed traffic: requests start on a fixed schedule whatever the server's pace
 * (a slow answer does not slow the arrivals, so latency is measured honestly), in the
 * proportions a dashboard and a phone produce: mostly captures and lists, some searches,
 * tasks, and the occasional consciousness check.
 */
export class MixedTraffic {
  readonly samples: TrafficSample[] = [];
  private started = Date.now();
  private captured: string[] = [];
  private n = 0;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly perSecond: number,
  ) {}

  elapsed(): number {
    return Date.now() - this.started;
  }

  async run(durationMs: number): Promise<void> {
    this.started = Date.now();
    const interval = 1000 / this.perSecond;
    for (let i = 0; ; i++) {
      const due = this.started + i * interval;
      if (due - this.started >= durationMs) break;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const request = this.send(this.next());
      this.inFlight.add(request);
      void request.finally(() => this.inFlight.delete(request));
    }
    await Promise.all(this.inFlight);
  }

  private next(): Request {
    const n = this.n++;
    const word = WORDS[n % WORDS.length];
    const slot = n % 20;
    if (slot < 8)
      return {
        kind: 'capture',
        method: 'POST',
        path: '/api/v1/thoughts',
        body: { content: `soak ${n}: ${word} plans, call Sam about the ${word} tomorrow` },
      };
    if (slot < 12) return { kind: 'list', method: 'GET', path: '/api/v1/thoughts?limit=20' };
    if (slot < 15)
      return { kind: 'search', method: 'GET', path: `/api/v1/thoughts?q=${word}&limit=20` };
    if (slot === 15)
      return {
        kind: 'task',
        method: 'POST',
        path: '/api/v1/tasks',
        body: { title: `${word} follow-up ${n}`, priority: 'medium' },
      };
    if (slot === 16) return { kind: 'tasks', method: 'GET', path: '/api/v1/tasks?limit=20' };
    if (slot === 17 && this.captured.length > 0) {
      return {
        kind: 'thought',
        method: 'GET',
        path: `/api/v1/thoughts/${this.captured[n % this.captured.length]}`,
      };
    }
    if (slot === 18)
      return { kind: 'checks', method: 'GET', path: '/api/v1/consciousness-checks?limit=5' };
    // One check run per 200 requests: it reads many thoughts, as the scheduled one does.
    if (n % 200 === 19)
      return { kind: 'check-run', method: 'POST', path: '/api/v1/consciousness-check' };
    return { kind: 'health', method: 'GET', path: '/api/v1/health' };
  }

  private async send(request: Request): Promise<void> {
    const at = this.elapsed();
    const begun = performance.now();
    let status: TrafficSample['status'];
    try {
      const response = await fetch(`${this.baseUrl}${request.path}`, {
        method: request.method,
        headers: {
          Authorization: `Bearer ${this.apiKey}`,
          ...(request.body
            ? { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }
            : {}),
        },
        body: request.body ? JSON.stringify(request.body) : undefined,
        signal: AbortSignal.timeout(30_000),
      });
      status = response.status;
      if (request.kind === 'capture' && response.status === 201) {
        const { id } = (await response.json()) as { id: string };
        // A bounded set of ids to read back: the traffic itself must not grow without end.
        if (this.captured.length < 500) this.captured.push(id);
        else this.captured[this.n % 500] = id;
      } else {
        await response.arrayBuffer();
      }
    } catch (error) {
      status = (error as Error).name === 'TimeoutError' ? 'timeout' : 'network';
    }
    this.samples.push({ at, kind: request.kind, latencyMs: performance.now() - begun, status });
  }
}

/** Least-squares slope of y over x (units of y per unit of x). */
export function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / n;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - meanX) * (p.y - meanY);
    den += (p.x - meanX) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.floor(sorted.length / 2)]!;
}
