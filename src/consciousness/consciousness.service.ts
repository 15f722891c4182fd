import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AiOrchestrator } from '../ai/ai-orchestrator.service.js';
import type { ConsciousnessResult, ThoughtForAnalysis } from '../ai/ai.types.js';
import type { EntityManager } from 'typeorm';
import { forEachLimited } from '../common/async/for-each-limited.js';
import { invalid, notFound } from '../common/errors/domain-errors.js';
import type { EnvironmentVariables } from '../config/env.schema.js';
import { type CursorKind, decodeCursor, type Page, toPage } from '../common/pagination/cursor.js';
import { EventsService } from '../events/events.service.js';
import { toProfileForAi } from '../intelligence/profile-for-ai.js';
import { ProfilesService } from '../profiles/profiles.service.js';
import { SettingsService } from '../settings/settings.service.js';
import { normalizeSuggestionTitle } from '../suggestions/suggestion-title.js';
import { SuggestionsService } from '../suggestions/suggestions.service.js';
import { TasksService } from '../tasks/tasks.service.js';
import type { Thought } from '../thoughts/thought.entity.js';
import { ThoughtsService } from '../thoughts/thoughts.service.js';
import { consciousnessChecks } from '../metrics/app-metrics.js';
import { ConsciousnessChecksRepository, type DueUser } from './consciousness-checks.repository.js';
import { isQuiet } from './quiet-hours.js';
import type {
  ConsciousnessCheck,
  ConsciousnessCheckTrigger,
  StoredInsight,
} from './consciousness-check.entity.js';

const CHECKS: CursorKind = { list: 'consciousness-checks' };

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** The first check looks back this far; later ones start where the last ended. */
const FIRST_WINDOW_MS = 7 * DAY_MS;
const TREND_WINDOW_MS = 14 * DAY_MS;
const RECENT_LIMIT = 500;
const TREND_LIMIT = 1_000;
const OPEN_TASKS_LIMIT = 200;
export const CHECK_RETENTION_DAYS = 7;
export const DISMISS_DAYS = 14;
export const NO_NEW_THOUGHTS = 'No new thoughts since the last check.';

const forAi = (thought: Thought): ThoughtForAnalysis => ({
  id: thought.id,
  content: thought.content,
  tags: [...thought.tags, ...thought.aiTags],
  createdAt: thought.createdAt,
  localOnly: thought.localOnly,
});

/** What a dismissal matches on: the same kind of pattern with the same title. */
export const insightKey = (kind: string, title: string) =>
  `${kind}:${normalizeSuggestionTitle(title)}`;

/**
 * Consciousness checks: look over what the user wrote since the last check (and two weeks
 * for trends), with open tasks and the profile; store patterns, insights and suggestions
 * with the thoughts they rest on; offer the suggestions through the same inbox.
 */
@Injectable()
export class ConsciousnessService {
  private readonly logger = new Logger(ConsciousnessService.name);
  /** On-demand checks running in this process, per user: a second request shares the first. */
  private readonly onDemand = new Map<string, Promise<ConsciousnessCheck>>();

  constructor(
    private readonly checks: ConsciousnessChecksRepository,
    private readonly thoughts: ThoughtsService,
    private readonly tasks: TasksService,
    private readonly profiles: ProfilesService,
    private readonly settings: SettingsService,
    private readonly suggestions: SuggestionsService,
    private readonly ai: AiOrchestrator,
    private readonly events: EventsService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  /**
   * An on-demand check, single-flight per user: a request that arrives while the user's check
   * runs gets that check's result instead of starting another (a check over a long window is
   * the costliest thing a user can ask for, and back-to-back checks would only repeat it).
   */
  runOnDemand(userId: string): Promise<ConsciousnessCheck> {
    const running = this.onDemand.get(userId);
    if (running) return running;
    const check = this.run(userId, 'manual').then((result) => result!);
    const settled = check.finally(() => this.onDemand.delete(userId));
    this.onDemand.set(userId, settled);
    return settled;
  }

  /** Runs one check now; null when a scheduled one for this slot was already taken elsewhere. */
  async run(
    userId: string,
    trigger: ConsciousnessCheckTrigger,
    now: Date = new Date(),
    slotKey: string | null = null,
  ): Promise<ConsciousnessCheck | null> {
    const started = Date.now();
    const lastEnd = await this.checks.lastWindowEnd(userId);
    const windowStart = lastEnd ?? new Date(now.getTime() - FIRST_WINDOW_MS);
    const id = await this.checks.claim(userId, trigger, slotKey, windowStart, now);
    if (!id) return null;
    try {
      const recent = await this.thoughts.inWindow(userId, windowStart, now, RECENT_LIMIT);
      if (recent.length === 0) {
        // Nothing new: say so rather than inventing insights.
        await this.checks.complete(id, { ...EMPTY, durationMs: Date.now() - started });
      } else {
        await this.analyse(id, userId, recent, windowStart, now, started);
      }
    } catch (error) {
      await this.checks.fail(id, Date.now() - started);
      consciousnessChecks.inc({ trigger, outcome: 'failed' });
      throw error;
    }
    consciousnessChecks.inc({ trigger, outcome: 'done' });
    this.events.publish({ userId, type: 'consciousness_check.completed', id });
    return this.get(userId, id);
  }

  /**
   * One scheduler pass: every due user outside quiet hours, once per interval slot. Due users
   * come in keyset pages of SCHEDULER_BATCH_SIZE, each page's checks at most
   * SCHEDULER_CONCURRENCY at once, and a page is finished before the next is read: what the
   * pass holds is one page and that many checks, never the whole due list (100 due users at
   * once used to reach the heap limit).
   */
  async runDue(now: Date = new Date()): Promise<number> {
    const batchSize = this.config.get('SCHEDULER_BATCH_SIZE', { infer: true });
    const concurrency = this.config.get('SCHEDULER_CONCURRENCY', { infer: true });
    let ran = 0;
    let after: string | null = null;
    for (;;) {
      const page = await this.checks.dueUsers(now, batchSize, after);
      await forEachLimited(page, concurrency, async (user) => {
        if (await this.runScheduled(user, now)) ran++;
      });
      if (page.length < batchSize) return ran;
      after = page.at(-1)!.userId;
    }
  }

  /** A scheduled check of one due user; false when quiet, taken by another instance, or failed (logged). */
  private async runScheduled(user: DueUser, now: Date): Promise<boolean> {
    if (isQuiet(user.quietHours, user.timezone, now)) return false;
    const intervalMs = user.intervalMinutes * MINUTE_MS;
    const slotKey = `${user.intervalMinutes}:${Math.floor(now.getTime() / intervalMs)}`;
    try {
      return (await this.run(user.userId, 'scheduled', now, slotKey)) !== null;
    } catch (error) {
      this.logger.warn(
        { user_id: user.userId, err: (error as Error).message },
        'scheduled consciousness check failed',
      );
      return false;
    }
  }

  async get(userId: string, id: string): Promise<ConsciousnessCheck> {
    const check = await this.checks.findById(userId, id);
    if (!check) throw notFound('consciousness check');
    return check;
  }

  async list(userId: string, limit: number, cursor?: string): Promise<Page<ConsciousnessCheck>> {
    return toPage(
      await this.checks.list(userId, limit, decodeCursor(cursor, CHECKS)),
      limit,
      (check) => check,
      undefined,
      CHECKS.list,
    );
  }

  /** Stores a check from our own export, in the importer's transaction; pins decide retention as for any check. */
  importCheck(
    manager: EntityManager,
    userId: string,
    check: Omit<ConsciousnessCheck, 'id' | 'user' | 'slotKey' | 'userId' | 'pinned'>,
  ): Promise<string> {
    if (!['scheduled', 'manual'].includes(check.trigger))
      throw invalid('trigger must be scheduled or manual');
    if (!['running', 'done', 'failed'].includes(check.state))
      throw invalid('state must be running, done or failed');
    if (
      !Array.isArray(check.insights) ||
      !Array.isArray(check.patterns) ||
      !Array.isArray(check.suggestions)
    ) {
      throw invalid('patterns, insights and suggestions must be lists');
    }
    for (const date of [check.windowStart, check.windowEnd, check.createdAt]) {
      if (Number.isNaN(date.getTime()))
        throw invalid('window_start, window_end and created_at must be dates');
    }
    return this.checks.insertImported(manager, {
      ...check,
      userId,
      pinned: check.insights.some((insight) => insight.pinned),
    });
  }

  /** For export: a page of the user's checks, oldest first, after the given one. */
  exportPage(
    userId: string,
    limit: number,
    after?: { createdAt: Date; id: string },
  ): Promise<ConsciousnessCheck[]> {
    return this.checks.exportPage(userId, limit, after);
  }

  /** Pin keeps the check past retention; dismiss hides that insight from future checks for a while. */
  async markInsight(
    userId: string,
    id: string,
    index: number,
    action: 'pin' | 'unpin' | 'dismiss' | 'restore',
    now = new Date(),
  ) {
    const check = await this.get(userId, id);
    const insight = check.insights[index];
    if (!insight) throw notFound('insight');
    const patch =
      action === 'pin' || action === 'unpin'
        ? { pinned: action === 'pin' }
        : { dismissed: action === 'dismiss' };
    if (!(await this.checks.patchInsight(userId, id, index, patch))) throw notFound('insight');
    if (patch.dismissed !== undefined) {
      await this.checks.dismiss(
        userId,
        insightKey('insight', insight.title),
        patch.dismissed ? new Date(now.getTime() + DISMISS_DAYS * DAY_MS) : null,
      );
    }
    return this.get(userId, id);
  }

  /** Retention: checks older than 7 days go, unless the user pinned one of their insights. */
  purgeExpired(now: Date = new Date(), days: number = CHECK_RETENTION_DAYS): Promise<number> {
    return this.checks.deleteUnpinnedBefore(new Date(now.getTime() - days * DAY_MS));
  }

  private async analyse(
    id: string,
    userId: string,
    recent: Thought[],
    windowStart: Date,
    now: Date,
    started: number,
  ) {
    const [trend, openTasks, profile, settings, dismissed] = await Promise.all([
      this.thoughts.inWindow(userId, new Date(now.getTime() - TREND_WINDOW_MS), now, TREND_LIMIT),
      this.tasks.openTasks(userId, OPEN_TASKS_LIMIT),
      this.profiles.getForUser(userId),
      this.settings.getForUser(userId),
      this.checks.activeDismissals(userId, now),
    ]);
    const result = await this.ai.consciousnessCheck(
      {
        userId,
        recentThoughts: recent.map(forAi),
        trendThoughts: trend.map(forAi),
        openTasks: openTasks.map((task) => ({
          id: task.id,
          title: task.title,
          dueDate: task.dueDate,
          sourceThoughtId: task.sourceThoughtId,
          createdAt: task.createdAt,
        })),
        profile: toProfileForAi(profile),
        timezone: profile.timezone,
        windowStart,
        windowEnd: now,
        now,
      },
      { preferred: settings.aiBackend },
    );
    const value = withoutDismissed(result.value, dismissed);
    const openTitles = new Set(openTasks.map((task) => normalizeSuggestionTitle(task.title)));
    const fresh = value.suggestions.filter(
      (suggestion) => !openTitles.has(normalizeSuggestionTitle(suggestion.title)),
    );
    await this.suggestions.offer(
      userId,
      fresh.map((suggestion) => ({
        title: suggestion.title,
        description: suggestion.description ?? null,
        priority: suggestion.priority,
        confidence: suggestion.confidence,
        evidence: null,
      })),
      {
        sourceThoughtId: null,
        origin: 'consciousness_check',
        backend: result.backend,
        model: result.model,
        // A check's ideas are offered, never turned into tasks unasked.
        mode: settings.taskSuggestionMode === 'off' ? 'off' : 'suggest',
        threshold: settings.autoTaskConfidenceThreshold,
      },
    );
    await this.checks.complete(id, {
      newThoughtCount: recent.length,
      summary: value.summary,
      patterns: value.patterns.map((pattern) => ({
        kind: pattern.kind,
        title: pattern.title,
        description: pattern.description,
        thought_ids: pattern.thoughtIds,
        confidence: pattern.confidence,
      })),
      insights: value.insights.map((insight): StoredInsight => ({
        title: insight.title,
        description: insight.description,
        thought_ids: insight.thoughtIds,
        pinned: false,
        dismissed: false,
      })),
      suggestions: fresh.map((suggestion) => ({
        title: suggestion.title,
        description: suggestion.description ?? null,
        priority: suggestion.priority,
        thought_ids: suggestion.thoughtIds,
        confidence: suggestion.confidence,
      })),
      backend: result.backend,
      model: result.model,
      inputTokens: result.usage.inputTokens,
      outputTokens: result.usage.outputTokens,
      durationMs: Date.now() - started,
    });
  }
}

const EMPTY = {
  newThoughtCount: 0,
  summary: NO_NEW_THOUGHTS,
  patterns: [],
  insights: [],
  suggestions: [],
  backend: null,
  model: null,
  inputTokens: 0,
  outputTokens: 0,
};

/** Insights the user dismissed (and patterns with the same title) stay out until the dismissal ends. */
function withoutDismissed(
  result: ConsciousnessResult,
  dismissed: Set<string>,
): ConsciousnessResult {
  if (dismissed.size === 0) return result;
  return {
    ...result,
    insights: result.insights.filter(
      (insight) => !dismissed.has(insightKey('insight', insight.title)),
    ),
    patterns: result.patterns.filter(
      (pattern) => !dismissed.has(insightKey('insight', pattern.title)),
    ),
  };
}
