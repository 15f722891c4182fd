import { Injectable } from '@nestjs/common';
import { DEFAULT_TIME_ZONE } from '../profiles/profile.types.js';
import { DEFAULT_SETTINGS } from '../settings/settings.types.js';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { rowMapper, type RowOf, snakeCase } from '../common/database/sql-rows.js';
import type { KeysetCursor } from '../common/pagination/cursor.js';
import {
  type ConsciousnessCheckTrigger,
  ConsciousnessCheck,
  type StoredInsight,
} from './consciousness-check.entity.js';
import { ReadReplicas } from '../database/replicas/read-replicas.service.js';

/** The check's fields in COLUMNS' order; each read from its snake_case column. */
const CONSCIOUSNESS_CHECK_FIELDS = [
  'id',
  'userId',
  'trigger',
  'slotKey',
  'state',
  'windowStart',
  'windowEnd',
  'newThoughtCount',
  'summary',
  'patterns',
  'insights',
  'suggestions',
  'backend',
  'model',
  'inputTokens',
  'outputTokens',
  'durationMs',
  'pinned',
  'createdAt',
] as const;

const COLUMNS = CONSCIOUSNESS_CHECK_FIELDS.map(snakeCase).join(', ');

type ConsciousnessCheckRow = RowOf<ConsciousnessCheck, (typeof CONSCIOUSNESS_CHECK_FIELDS)[number]>;

const toConsciousnessCheck = rowMapper(ConsciousnessCheck, CONSCIOUSNESS_CHECK_FIELDS);

export interface ConsciousnessCheckOutcome {
  newThoughtCount: number;
  summary: string;
  patterns: unknown[];
  insights: StoredInsight[];
  suggestions: unknown[];
  backend: string | null;
  model: string | null;
  inputTokens: number;
  outputTokens: number;
  durationMs: number;
}

/** A finished check's figures as both writes list them, from new_thought_count to duration_ms. */
const outcomeParams = (outcome: ConsciousnessCheckOutcome) => [
  outcome.newThoughtCount,
  outcome.summary,
  // The three jsonb columns.
  ...[outcome.patterns, outcome.insights, outcome.suggestions].map((list) => JSON.stringify(list)),
  outcome.backend,
  outcome.model,
  outcome.inputTokens,
  outcome.outputTokens,
  outcome.durationMs,
];

/** A user the scheduler may check now: their interval, quiet hours, zone and last window. */
export interface DueUser {
  userId: string;
  intervalMinutes: number;
  quietHours: { start: string; end: string } | null;
  timezone: string;
}

@Injectable()
export class ConsciousnessChecksRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly replicas: ReadReplicas,
  ) {}

  /** Claims a check; null when a scheduled one for this user and slot exists (another instance has it). */
  async claim(
    userId: string,
    trigger: ConsciousnessCheckTrigger,
    slotKey: string | null,
    windowStart: Date,
    windowEnd: Date,
  ): Promise<string | null> {
    const rows = (await this.dataSource.query(
      `INSERT INTO scheduled_analyses (user_id, trigger, slot_key, window_start, window_end)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id, slot_key) WHERE slot_key IS NOT NULL DO NOTHING RETURNING id`,
      [userId, trigger, slotKey, windowStart, windowEnd],
    )) as { id: string }[];
    return rows[0]?.id ?? null;
  }

  async complete(id: string, outcome: ConsciousnessCheckOutcome): Promise<void> {
    await this.dataSource.query(
      `UPDATE scheduled_analyses SET state = 'done', new_thought_count = $2, summary = $3, patterns = $4::jsonb,
         insights = $5::jsonb, suggestions = $6::jsonb, backend = $7, model = $8, input_tokens = $9, output_tokens = $10,
         duration_ms = $11 WHERE id = $1`,
      [id, ...outcomeParams(outcome)],
    );
  }

  async fail(id: string, durationMs: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE scheduled_analyses SET state = 'failed', duration_ms = $2 WHERE id = $1`,
      [id, durationMs],
    );
  }

  /** Where the next window starts: the end of the last check that did not fail. */
  async lastWindowEnd(userId: string): Promise<Date | null> {
    const rows = (await this.dataSource.query(
      `SELECT max(window_end) AS window_end FROM scheduled_analyses WHERE user_id = $1 AND state <> 'failed'`,
      [userId],
    )) as { window_end: Date | null }[];
    return rows[0]?.window_end ?? null;
  }

  async findById(userId: string, id: string): Promise<ConsciousnessCheck | null> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM scheduled_analyses WHERE id = $1 AND user_id = $2`,
      [id, userId],
    )) as ConsciousnessCheckRow[];
    return rows[0] ? toConsciousnessCheck(rows[0]) : null;
  }

  async list(userId: string, limit: number, after?: KeysetCursor): Promise<ConsciousnessCheck[]> {
    const params: unknown[] = [userId, limit + 1];
    let keyset = '';
    if (after) {
      params.push(after.createdAt, after.id);
      keyset = 'AND (created_at, id) < ($3, $4)';
    }
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM scheduled_analyses WHERE user_id = $1 ${keyset} ORDER BY created_at DESC, id DESC LIMIT $2`,
      params,
    )) as ConsciousnessCheckRow[];
    return rows.map(toConsciousnessCheck);
  }

  /** An imported check, finished, with its original dates (no slot: it claims no schedule). */
  async insertImported(
    manager: EntityManager,
    check: Omit<ConsciousnessCheck, 'id' | 'user' | 'slotKey'>,
  ): Promise<string> {
    const rows = (await manager.query(
      `INSERT INTO scheduled_analyses (user_id, trigger, state, window_start, window_end, new_thought_count, summary, patterns, insights,
         suggestions, backend, model, input_tokens, output_tokens, duration_ms, pinned, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10::jsonb, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
      [
        check.userId,
        check.trigger,
        check.state,
        check.windowStart,
        check.windowEnd,
        ...outcomeParams(check),
        check.pinned,
        check.createdAt,
      ],
    )) as { id: string }[];
    return rows[0]!.id;
  }

  /** One page of the user's checks, oldest first, after the keyset (for export). */
  async exportPage(
    userId: string,
    limit: number,
    after?: { createdAt: Date; id: string },
  ): Promise<ConsciousnessCheck[]> {
    const keyset = after ? 'AND (created_at, id) > ($3, $4)' : '';
    const rows = (await this.replicas
      .reader(userId)
      .query(
        `SELECT ${COLUMNS} FROM scheduled_analyses WHERE user_id = $1 ${keyset} ORDER BY created_at ASC, id ASC LIMIT $2`,
        after ? [userId, limit, after.createdAt, after.id] : [userId, limit],
      )) as ConsciousnessCheckRow[];
    return rows.map(toConsciousnessCheck);
  }

  /**
   * Merges `patch` into one insight in a single UPDATE: the row lock makes two quick clicks
   * apply one after the other instead of the later rewrite losing the earlier change, and
   * `pinned` is computed from the same new array. False when the check or index is not there.
   */
  async patchInsight(
    userId: string,
    id: string,
    index: number,
    patch: Partial<Pick<StoredInsight, 'pinned' | 'dismissed'>>,
  ): Promise<boolean> {
    const merged = `jsonb_set(insights, ARRAY[$3::text], (insights -> $3::int) || $4::jsonb)`;
    const [, count] = (await this.dataSource.query(
      `UPDATE scheduled_analyses
          SET insights = ${merged},
              pinned = EXISTS (SELECT 1 FROM jsonb_array_elements(${merged}) AS insight WHERE (insight ->> 'pinned')::boolean)
        WHERE id = $1 AND user_id = $2 AND jsonb_typeof(insights) = 'array' AND jsonb_array_length(insights) > $3::int`,
      [id, userId, index, JSON.stringify(patch)],
    )) as [unknown, number];
    return count > 0;
  }

  async dismiss(userId: string, key: string, until: Date | null): Promise<void> {
    if (until === null) {
      await this.dataSource.query(
        `DELETE FROM dismissed_insights WHERE user_id = $1 AND insight_key = $2`,
        [userId, key],
      );
      return;
    }
    await this.dataSource.query(
      `INSERT INTO dismissed_insights (user_id, insight_key, dismissed_until) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, insight_key) DO UPDATE SET dismissed_until = EXCLUDED.dismissed_until`,
      [userId, key, until],
    );
  }

  async activeDismissals(userId: string, now: Date): Promise<Set<string>> {
    const rows = (await this.dataSource.query(
      `SELECT insight_key FROM dismissed_insights WHERE user_id = $1 AND dismissed_until > $2`,
      [userId, now],
    )) as { insight_key: string }[];
    return new Set(rows.map((row) => row.insight_key));
  }

  /**
   * One page of the users whose interval has elapsed since their last check and who wrote
   * something since, in id order after `afterUserId` (keyset: a tick holds one page at a time,
   * however many users are due). Defaults apply to users who never saved settings or a profile.
   */
  async dueUsers(now: Date, limit: number, afterUserId: string | null = null): Promise<DueUser[]> {
    const rows = (await this.dataSource.query(
      `SELECT u.id AS user_id,
              COALESCE(s.consciousness_check_interval_minutes, $4) AS interval_minutes,
              s.quiet_hours, COALESCE(p.timezone, $5) AS timezone
       FROM users u
       LEFT JOIN user_settings s ON s.user_id = u.id
       LEFT JOIN user_profiles p ON p.user_id = u.id
       LEFT JOIN LATERAL (
         SELECT max(a.window_end) AS window_end FROM scheduled_analyses a WHERE a.user_id = u.id AND a.state <> 'failed'
       ) last ON true
       WHERE ($2::uuid IS NULL OR u.id > $2::uuid)
         AND (last.window_end IS NULL
              OR last.window_end <= $1::timestamptz - make_interval(mins => COALESCE(s.consciousness_check_interval_minutes, $4)))
         AND EXISTS (
           SELECT 1 FROM thoughts t
           WHERE t.user_id = u.id AND t.created_at <= $1 AND t.created_at > COALESCE(last.window_end, '-infinity'::timestamptz))
       ORDER BY u.id
       LIMIT $3`,
      // The defaults of users who never saved settings or a profile belong to those modules.
      [
        now,
        afterUserId,
        limit,
        DEFAULT_SETTINGS.consciousnessCheckIntervalMinutes,
        DEFAULT_TIME_ZONE,
      ],
    )) as {
      user_id: string;
      interval_minutes: number;
      quiet_hours: DueUser['quietHours'];
      timezone: string;
    }[];
    return rows.map((row) => ({
      userId: row.user_id,
      intervalMinutes: row.interval_minutes,
      quietHours: row.quiet_hours,
      timezone: row.timezone,
    }));
  }

  /** Retention: older than the cut-off and not pinned. */
  async deleteUnpinnedBefore(cutoff: Date): Promise<number> {
    const [, affected] = (await this.dataSource.query(
      `DELETE FROM scheduled_analyses WHERE created_at < $1 AND NOT pinned`,
      [cutoff],
    )) as [unknown, number];
    return affected;
  }
}
