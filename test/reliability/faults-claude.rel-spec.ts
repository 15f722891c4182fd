import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import {
  anthropic,
  type AnthropicFake,
  type AnthropicStep,
  goodAnalysis,
  startAnthropicFake,
} from '../fakes/anthropic-fake.js';
import { FAKE_ANTHROPIC_KEY } from '../support/ai-test-env.js';
import { createScratchDatabase } from '../support/scratch-database.js';
import { freePort, type ServerProcess } from '../support/server-process.js';
import { waitFor } from '../support/wait-for.js';
import { checkStored, errorsByStatus, percentile } from './support/capture-load.js';
import {
  ADMIN_KEY,
  captureLoad,
  LOAD,
  loadFigures,
  NOTHING_WRONG,
  startServer,
  untilElapsed,
  workDir,
} from './support/fault-run.js';
import { recordFigures, SHORT } from './support/figures.js';

const SECTION = 'faults: Claude slow, down, 429, garbage';
const AI_TIMEOUT_MS = 1_500;
const WRITERS = SHORT ? 4 : 10;
const WARM_UP_MS = 2_000;

/** Each misbehaviour in turn, for an equal slice of the fault window. */
const FAULTS: [string, () => AnthropicStep][] = [
  ['slow', () => anthropic.slow(AI_TIMEOUT_MS + 1_000)],
  ['down', () => anthropic.drop()],
  ['rate-limited', () => anthropic.rateLimited(1)],
  [
    'garbage',
    () =>
      Math.random() < 0.5
        ? anthropic.malformedJson()
        : anthropic.text('<html>502 Bad Gateway</html>'),
  ],
];
const HEALTHY = () => anthropic.toolUse(goodAnalysis());

/**
 * Capture load while the Claude API (the fake) is slow, then down, then rate-limited, then
 * answering garbage. Capture never waits for AI, so its latency must not move; every thought's
 * analysis ends done or visibly failed, none is lost or left pending, and Claude is used
 * again once it is back.
 */
describe('Claude misbehaving under capture load', () => {
  let fake: AnthropicFake;
  let database: { url: string; drop: () => Promise<void> };
  let dir: string;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    fake = await startAnthropicFake();
    fake.defaultStep = HEALTHY;
    database = await createScratchDatabase();
    dir = workDir('faults-claude-');
  });

  afterAll(async () => {
    await server?.stop('SIGKILL');
    await fake.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps capture latency, and every analysis ends done or visibly failed', async () => {
    server = await startServer(
      {
        DATABASE_URL: database.url,
        AI_BACKEND: 'claude',
        ANTHROPIC_API_KEY: FAKE_ANTHROPIC_KEY,
        ANTHROPIC_BASE_URL: fake.url,
        // Nothing listens there: the Ollama step of the chain fails at once.
        OLLAMA_BASE_URL: `http://127.0.0.1:${await freePort()}`,
        AI_TIMEOUT_MS: String(AI_TIMEOUT_MS),
        OLLAMA_TIMEOUT_MS: '500',
        AI_CALL_BUDGET_MS: '4000',
        AI_CIRCUIT_FAILURE_THRESHOLD: '5',
        AI_CIRCUIT_COOLDOWN_MS: '1500',
        AI_REQUESTS_PER_MINUTE: '100000',
        WORKER_CONCURRENCY: '4',
        ANALYSIS_RETRY_DELAY_SECONDS: '1',
        ANALYSIS_RETRY_LIMIT: '3',
      },
      dir,
    );
    const marker = `claude-${Date.now()}`;
    // A steady trickle rather than flat out: every capture here also costs an analysis, and
    // the machine must drain them all before the check.
    const load = captureLoad(server, marker, { connections: WRITERS, pauseMs: 250 });
    const running = load.run();

    const faultFrom = Math.round(LOAD.durationMs * 0.3);
    const faultTo = Math.round(LOAD.durationMs * 0.8);
    const slice = (faultTo - faultFrom) / FAULTS.length;
    for (const [index, [, step]] of FAULTS.entries()) {
      await untilElapsed(load, faultFrom + index * slice);
      fake.defaultStep = step;
    }
    await untilElapsed(load, faultTo);
    fake.defaultStep = HEALTHY;
    const recoveredAt = Date.now();
    await running;
    const settleFrom = Date.now();

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const statuses = async () =>
        Object.fromEntries(
          (
            await client.query<{ analysis_status: string; n: number }>(
              `SELECT analysis_status, count(*)::int AS n FROM thoughts WHERE starts_with(content, $1) GROUP BY 1`,
              [marker],
            )
          ).rows.map((row) => [row.analysis_status, row.n]),
        ) as Record<string, number>;
      const settled = await waitFor(statuses, (counts) => !counts.pending, {
        timeoutMs: SHORT ? 120_000 : 300_000,
        intervalMs: 1_000,
        what: 'every analysis to end done or failed',
      });
      const { rows: ledger } = await client.query<{
        backend: string;
        outcome: string;
        n: number;
        after_recovery: number;
      }>(
        `SELECT backend, outcome, count(*)::int AS n, count(*) FILTER (WHERE r.created_at > $2)::int AS after_recovery
           FROM ai_analysis_results r JOIN thoughts t ON t.id = r.thought_id
          WHERE starts_with(t.content, $1) GROUP BY 1, 2`,
        [marker, new Date(recoveredAt + 3_000)],
      );
      // The first seconds are warm-up (connections opening, code paths compiling) on any run.
      const baseline = percentile(load.samples, 99, WARM_UP_MS, faultFrom);
      const during = percentile(load.samples, 99, faultFrom, faultTo);
      recordFigures(SECTION, {
        ...loadFigures(load, faultFrom, faultTo),
        connections: WRITERS,
        settle_ms: Date.now() - settleFrom,
        p99_baseline_ms: baseline,
        p99_ai_faults_ms: during,
        analyses_done: settled.done ?? 0,
        analyses_failed_visibly: settled.failed ?? 0,
        ledger: JSON.stringify(
          Object.fromEntries(ledger.map((row) => [`${row.backend}:${row.outcome}`, row.n])),
        ),
        fake_requests: fake.requests.length,
      });

      expect(errorsByStatus(load.samples)).toEqual({});
      expect(await checkStored(database.url, marker, load.acknowledged)).toEqual(NOTHING_WRONG);
      // Every stored thought ended one way or the other, none pending, and each is one of ours.
      expect((settled.done ?? 0) + (settled.failed ?? 0) + (settled.skipped ?? 0)).toBe(
        load.acknowledged.size,
      );
      // Capture never waits for AI: its p99 under AI faults stays near the no-fault baseline
      // (a generous bound on a shared machine; both figures are printed).
      expect(during).toBeLessThan(baseline * 3 + 250);
      // The faults did reach the analyses, and Claude answered again once it was back.
      expect(ledger.some((row) => row.backend === 'claude' && row.outcome !== 'success')).toBe(
        true,
      );
      // Claude answers again once it is back: a thought captured after the run, when every
      // breaker has had its cooldown, is analysed by Claude (not by a fallback). Asked of one
      // probe rather than of a time window, which a fast machine may have drained before.
      const probe = await fetch(`${server.baseUrl}/api/v1/thoughts`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ content: `${marker} probe: call the dentist tomorrow at 9am` }),
      });
      expect(probe.status).toBe(201);
      const { id: probeId } = (await probe.json()) as { id: string };
      const probeLedger = await waitFor(
        async () =>
          (
            await client.query<{ backend: string; outcome: string }>(
              `SELECT r.backend, r.outcome FROM ai_analysis_results r JOIN thoughts t ON t.id = r.thought_id
                WHERE r.thought_id = $1 AND t.analysis_status <> 'pending'`,
              [probeId],
            )
          ).rows,
        (rows) => rows.length > 0,
        { timeoutMs: 60_000, intervalMs: 500, what: 'the probe thought to be analysed' },
      );
      expect(probeLedger).toContainEqual({ backend: 'claude', outcome: 'success' });
    } finally {
      await client.end();
    }
  }, 420_000);
});
