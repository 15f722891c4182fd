import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { conflict, invalid, notFound } from '../common/errors/domain-errors.js';
import { type CursorKind, decodeCursor, type Page, toPage } from '../common/pagination/cursor.js';
import { type Task, TASK_PRIORITIES, type TaskPriority } from '../tasks/task.entity.js';
import { TasksService } from '../tasks/tasks.service.js';
import { normalizeSuggestionTitle } from './suggestion-title.js';
import { type SuggestionWithTask, SuggestionsRepository } from './suggestions.repository.js';
import {
  SUGGESTION_ORIGINS,
  SUGGESTION_STATUSES,
  type SuggestionOrigin,
  type SuggestionStatus,
} from './task-suggestion.entity.js';

const SUGGESTIONS: CursorKind = { list: 'task-suggestions' };

export const SUGGESTION_RETENTION_DAYS = 90;
const DAY_MS = 86_400_000;

/** A task the AI found, as the pipeline hands it over. */
export interface SuggestionCandidate {
  title: string;
  description?: string | null;
  priority: TaskPriority;
  dueDate?: string | null;
  dueTime?: string | null;
  confidence: number;
  evidence?: string | null;
}

export interface OfferOptions {
  sourceThoughtId: string | null;
  origin: SuggestionOrigin;
  backend: string | null;
  model: string | null;
  /** The user's task_suggestion_mode. */
  mode: 'off' | 'suggest' | 'auto';
  /** auto_task_confidence_threshold: in auto mode, at or above it a suggestion becomes a task at once. */
  threshold: number;
}

export interface OfferResult {
  offered: SuggestionWithTask[];
  autoAccepted: Task[];
  duplicates: number;
}

export interface AcceptChanges {
  title?: string;
  description?: string | null;
  priority?: TaskPriority;
  dueDate?: string | null;
  dueTime?: string | null;
}

@Injectable()
export class SuggestionsService {
  constructor(
    private readonly suggestions: SuggestionsRepository,
    private readonly tasks: TasksService,
  ) {}

  /**
   * What the analysis pipeline calls with the tasks it found. Duplicates (same thought and
   * normalised title, including ones the user rejected) are skipped, not offered again.
   */
  async offer(
    userId: string,
    candidates: SuggestionCandidate[],
    options: OfferOptions,
  ): Promise<OfferResult> {
    const result: OfferResult = { offered: [], autoAccepted: [], duplicates: 0 };
    if (options.mode === 'off') return result;
    for (const candidate of candidates) {
      const normalizedTitle = normalizeSuggestionTitle(candidate.title);
      if (!normalizedTitle) continue;
      const inserted = await this.suggestions.insertUnlessDuplicate({
        userId,
        sourceThoughtId: options.sourceThoughtId,
        title: candidate.title.trim().slice(0, 200),
        normalizedTitle,
        description: candidate.description ?? null,
        priority: candidate.priority,
        dueDate: candidate.dueDate ?? null,
        dueTime: candidate.dueDate ? (candidate.dueTime ?? null) : null,
        confidence: Math.min(1, Math.max(0, candidate.confidence)),
        evidence: candidate.evidence ?? null,
        origin: options.origin,
        backend: options.backend,
        model: options.model,
      });
      if (!inserted) {
        result.duplicates++;
        continue;
      }
      if (options.mode === 'auto' && inserted.suggestion.confidence >= options.threshold) {
        const task = await this.accept(userId, inserted.suggestion.id);
        result.autoAccepted.push(task);
        result.offered.push({
          suggestion: { ...inserted.suggestion, status: 'accepted' },
          taskId: task.id,
        });
      } else {
        result.offered.push(inserted);
      }
    }
    return result;
  }

  async list(
    userId: string,
    query: {
      status: SuggestionStatus | 'all';
      source_thought_id?: string;
      limit: number;
      cursor?: string;
    },
  ): Promise<Page<SuggestionWithTask>> {
    const statuses: SuggestionStatus[] =
      query.status === 'all' ? ['pending', 'accepted', 'rejected', 'expired'] : [query.status];
    const rows = await this.suggestions.list(
      userId,
      { statuses, sourceThoughtId: query.source_thought_id },
      query.limit,
      decodeCursor(query.cursor, SUGGESTIONS),
    );
    return toPage(
      rows,
      query.limit,
      (row) => row,
      (row) => row.suggestion,
      SUGGESTIONS.list,
    );
  }

  /**
   * Stores a suggestion from our own export in its original state, in the importer's
   * transaction; null when an equivalent one already exists (it is not offered twice).
   */
  importSuggestion(
    manager: EntityManager,
    userId: string,
    input: SuggestionCandidate & {
      sourceThoughtId: string | null;
      origin: SuggestionOrigin;
      status: SuggestionStatus;
      backend: string | null;
      model: string | null;
      rejectReason: string | null;
      decidedAt: Date | null;
      createdAt: Date;
    },
  ): Promise<string | null> {
    const normalizedTitle = normalizeSuggestionTitle(input.title ?? '');
    if (!normalizedTitle) throw invalid('title must have words');
    if (!SUGGESTION_STATUSES.includes(input.status))
      throw invalid('status is not a suggestion status');
    if (!SUGGESTION_ORIGINS.includes(input.origin))
      throw invalid('origin is not a suggestion origin');
    if (!TASK_PRIORITIES.includes(input.priority))
      throw invalid('priority is not one of low, medium, high, urgent');
    if (!(input.confidence >= 0 && input.confidence <= 1))
      throw invalid('confidence must be between 0 and 1');
    return this.suggestions.insertImported(manager, {
      userId,
      sourceThoughtId: input.sourceThoughtId,
      title: input.title.trim().slice(0, 200),
      normalizedTitle,
      description: input.description ?? null,
      priority: input.priority,
      dueDate: input.dueDate ?? null,
      dueTime: input.dueDate ? (input.dueTime ?? null) : null,
      confidence: input.confidence,
      evidence: input.evidence ?? null,
      origin: input.origin,
      backend: input.backend,
      model: input.model,
      status: input.status,
      rejectReason: input.rejectReason,
      decidedAt: input.decidedAt,
      createdAt: input.createdAt,
    });
  }

  /** For export: a page of the user's suggestions, oldest first, after the given one. */
  exportPage(
    userId: string,
    limit: number,
    after?: { createdAt: Date; id: string },
  ): Promise<SuggestionWithTask[]> {
    return this.suggestions.exportPage(userId, limit, after);
  }

  async get(userId: string, id: string): Promise<SuggestionWithTask> {
    const found = await this.suggestions.findById(userId, id);
    if (!found) throw notFound('task suggestion');
    return found;
  }

  /** One task per suggestion: the row lock makes concurrent accepts queue, and all but the first see it decided. */
  accept(userId: string, id: string, changes: AcceptChanges = {}): Promise<Task> {
    return this.suggestions.transaction(async (manager) => {
      const found = await this.suggestions.findById(userId, id, manager, true);
      if (!found) throw notFound('task suggestion');
      const { suggestion } = found;
      if (suggestion.status !== 'pending')
        throw conflict(`this suggestion was already ${suggestion.status}`);
      const dueDate = changes.dueDate === undefined ? suggestion.dueDate : changes.dueDate;
      const task = await this.tasks.createInTransaction(manager, userId, {
        title: changes.title ?? suggestion.title,
        description:
          changes.description === undefined ? suggestion.description : changes.description,
        priority: changes.priority ?? suggestion.priority,
        dueDate,
        dueTime:
          changes.dueTime === undefined
            ? changes.dueDate === undefined
              ? suggestion.dueTime
              : null
            : changes.dueTime,
        sourceThoughtId: suggestion.sourceThoughtId,
        sourceSuggestionId: suggestion.id,
      });
      await this.suggestions.decide(manager, suggestion.id, 'accepted');
      return task;
    });
  }

  /** Rejecting twice is harmless; rejecting a decided one is a conflict. */
  async reject(userId: string, id: string, reason?: string): Promise<SuggestionWithTask> {
    await this.suggestions.transaction(async (manager) => {
      const found = await this.suggestions.findById(userId, id, manager, true);
      if (!found) throw notFound('task suggestion');
      if (found.suggestion.status === 'rejected') return;
      if (found.suggestion.status !== 'pending')
        throw conflict(`this suggestion was already ${found.suggestion.status}`);
      await this.suggestions.decide(manager, id, 'rejected', reason?.trim() || null);
    });
    return this.get(userId, id);
  }

  /** The retention policy: suggestions nobody acted on for 90 days expire (kept, marked expired). */
  expireStale(now: Date = new Date(), days: number = SUGGESTION_RETENTION_DAYS): Promise<number> {
    return this.suggestions.expirePendingBefore(new Date(now.getTime() - days * DAY_MS));
  }
}
