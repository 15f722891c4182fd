import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { conflict, invalid, notFound } from '../common/errors/domain-errors.js';
import { AnalysisJobs } from '../jobs/analysis-jobs.js';
import { type CursorKind, decodeCursor, type Page, toPage } from '../common/pagination/cursor.js';
import type { CreateThoughtDto } from './dto/create-thought.dto.js';
import type { ListThoughtsQueryDto } from './dto/list-thoughts.query.dto.js';
import type { UpdateThoughtDto } from './dto/update-thought.dto.js';
import { normalizeContent } from './thought-content.js';
import { normalizeTags } from './thought-tags.js';
import type { Thought } from './thought.entity.js';
import {
  THOUGHT_STATUSES,
  THOUGHT_TYPES,
  ANALYSIS_STATUSES,
  THOUGHT_SOURCES,
} from './thought.entity.js';
import {
  type ImportedThoughtRow,
  type ThoughtFilters,
  ThoughtsRepository,
} from './thoughts.repository.js';
import { type RelatedResult, rankRelated } from './search/related-ranking.js';
import { RelatedThoughtsRepository } from './search/related-thoughts.repository.js';
import { TermStatisticsRepository } from './search/term-statistics.repository.js';
import { type SearchResult, ThoughtSearchRepository } from './search/thought-search.repository.js';
import { substringSnippet } from './substring-snippet.js';
import { TagFeedbackRepository } from './tag-feedback.repository.js';

/** Searches rank by the fused reciprocal rank (a real); plain lists ignore the rank. */
const THOUGHTS: CursorKind = { list: 'thoughts', rank: 'real' };

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** What an importer hands over; unset fields take a fresh capture's values. */
export interface ImportedThought {
  content: string;
  tags?: string[];
  aiTags?: string[];
  status?: string;
  thoughtType?: string | null;
  isActionable?: boolean;
  localOnly?: boolean;
  source?: string;
  analysisStatus?: string;
  analyzedAt?: Date | null;
  duplicateOfId?: string | null;
  createdAt: Date;
  updatedAt?: Date;
}

function oneOf<T extends string>(
  allowed: readonly T[],
  value: string | null | undefined,
  field: string,
): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw invalid(`${field} must be one of ${allowed.join(', ')}`, [
      { field, message: `"${value}" is not allowed` },
    ]);
  return value as T;
}

function realDate(value: Date | null | undefined, field: string): Date | null {
  if (value === undefined || value === null) return null;
  if (Number.isNaN(value.getTime()))
    throw invalid(`${field} is not a valid date`, [
      { field, message: `${field} is not a valid date` },
    ]);
  return value;
}

export interface CaptureResult {
  thought: Thought;
  /** False when an earlier request with the same Idempotency-Key created it. */
  created: boolean;
}

@Injectable()
export class ThoughtsService {
  constructor(
    private readonly thoughts: ThoughtsRepository,
    private readonly analysis: AnalysisJobs,
    private readonly feedback: TagFeedbackRepository,
    private readonly searches: ThoughtSearchRepository,
    private readonly relatedThoughts: RelatedThoughtsRepository,
    private readonly termStatistics: TermStatisticsRepository,
  ) {}

  /**
   * Stores the thought and its analysis job in one statement and returns: analysis happens
   * later, never inside this request, and a stored thought always has its job.
   */
  async capture(
    userId: string,
    input: CreateThoughtDto,
    idempotencyKey?: string,
  ): Promise<CaptureResult> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw invalid('Idempotency-Key must be 1 to 255 printable ASCII characters');
    }
    const content = normalizeContent(input.content);
    const tags = normalizeTags(input.tags ?? []);
    const thoughtType = input.thought_type ?? null;
    const localOnly = input.local_only ?? false;
    const fingerprint = idempotencyKey
      ? createHash('sha256')
          .update(JSON.stringify([content, tags, thoughtType, localOnly]))
          .digest('hex')
      : null;
    const thought = await this.thoughts.insertWithAnalysisJob({
      userId,
      content,
      tags,
      thoughtType,
      localOnly,
      source: input.source ?? 'api',
      idempotencyKey: idempotencyKey ?? null,
      requestFingerprint: fingerprint,
    });
    if (thought) {
      this.analysis.nudge();
      return { thought, created: true };
    }

    // The key was used before: the same request gets the same thought, another is a conflict.
    const earlier = await this.thoughts.findByIdempotencyKey(userId, idempotencyKey!);
    if (!earlier) throw conflict('Idempotency-Key is being used by a concurrent request; retry');
    if (earlier.fingerprint !== fingerprint) {
      throw conflict('Idempotency-Key was already used with a different request body');
    }
    return { thought: earlier.thought, created: false };
  }

  async get(userId: string, id: string): Promise<Thought> {
    const thought = await this.thoughts.findById(userId, id);
    if (!thought) throw notFound('thought');
    return thought;
  }

  async list(userId: string, query: ListThoughtsQueryDto): Promise<Page<Thought | SearchResult>> {
    const filters: ThoughtFilters = {
      status: query.status,
      tag: query.tag === undefined ? undefined : (normalizeTags([query.tag])[0] ?? ''),
      thoughtType: query.thought_type,
      isActionable: query.is_actionable,
      since: query.since,
      until: query.until,
    };
    const after = decodeCursor(query.cursor, THOUGHTS);
    const q = query.q?.trim();
    if (!q) {
      const rows = await this.thoughts.list(userId, filters, query.limit, after);
      return toPage<Thought | SearchResult, Thought | SearchResult>(
        rows,
        query.limit,
        (row) => row,
        undefined,
        THOUGHTS.list,
      );
    }
    // A query with no searchable word (`%`, a lone stop word) finds nothing there, and the
    // search's first statement already says so: such a query is a literal substring match.
    const { hits, searchable } = await this.searches.search(userId, filters, q, query.limit, after);
    if (hits.length > 0 || searchable) {
      return toPage<SearchResult, SearchResult>(
        hits,
        query.limit,
        (hit) => hit,
        (hit) => ({
          createdAt: hit.thought.createdAt,
          id: hit.thought.id,
          rank: hit.rank,
        }),
        THOUGHTS.list,
      );
    }
    const matches = await this.thoughts.searchSubstring(userId, filters, q, query.limit, after);
    return toPage<Thought, SearchResult>(
      matches,
      query.limit,
      (thought) => ({
        thought,
        rank: 0,
        snippet: substringSnippet(thought.content, q),
        matched: [{ arm: 'substring', terms: [q.toLowerCase()] }],
      }),
      undefined,
      THOUGHTS.list,
    );
  }

  async update(userId: string, id: string, input: UpdateThoughtDto): Promise<Thought> {
    const content = input.content === undefined ? undefined : normalizeContent(input.content);
    const changes = {
      content,
      tags: input.tags === undefined ? undefined : normalizeTags(input.tags),
      status: input.status,
      thoughtType: input.thought_type,
      isActionable: input.is_actionable,
      localOnly: input.local_only,
    };
    const keptAiTags = input.ai_tags === undefined ? undefined : normalizeTags(input.ai_tags);
    if (Object.values(changes).every((value) => value === undefined) && keptAiTags === undefined)
      throw invalid('no changes given');
    const thought = await this.thoughts.transaction(async (manager) => {
      if (keptAiTags !== undefined) {
        const aiTags = await this.removeAiTags(manager, userId, id, keptAiTags, changes.tags);
        if (aiTags === null) return null;
        Object.assign(changes, { aiTags });
      }
      const updated = await this.thoughts.update(userId, id, changes, manager);
      // New words deserve a new analysis, queued with the edit (a waiting one reads the new words anyway).
      if (updated && content !== undefined)
        await this.analysis.enqueue({ thoughtId: id, userId, reason: 'capture' }, manager);
      return updated;
    });
    if (!thought) throw notFound('thought');
    return thought;
  }

  /**
   * An edit of the AI tags may only drop some: each dropped tag is feedback (see
   * TagFeedbackRepository), unless the same edit makes it one of the user's own tags.
   * Returns the AI tags to keep, in their order, or null when the thought is not the user's.
   */
  private async removeAiTags(
    manager: EntityManager,
    userId: string,
    id: string,
    kept: string[],
    newOwnTags: string[] | undefined,
  ): Promise<string[] | null> {
    const current = await this.thoughts.lockTags(manager, userId, id);
    if (!current) return null;
    const added = kept.filter((tag) => !current.aiTags.includes(tag));
    if (added.length > 0) {
      throw invalid('ai_tags can only remove AI tags; add tags of your own with tags', [
        {
          field: 'ai_tags',
          message: `not an AI tag of this thought: ${added.map((tag) => `"${tag}"`).join(', ')}`,
        },
      ]);
    }
    const own = new Set(newOwnTags ?? current.tags);
    const removed = current.aiTags.filter((tag) => !kept.includes(tag) && !own.has(tag));
    await this.feedback.recordRemoved(manager, userId, id, removed);
    return current.aiTags.filter((tag) => kept.includes(tag));
  }

  /** For analysis: AI tags the user removed from this thought, never to be put back. */
  rejectedTagsOn(userId: string, thoughtId: string): Promise<string[]> {
    return this.feedback.rejectedOn(userId, thoughtId);
  }

  /** For analysis: AI tags the user removed from at least `minTimes` thoughts. */
  rejectedTags(userId: string, minTimes: number): Promise<string[]> {
    return this.feedback.rejectedByUser(userId, minTimes);
  }

  /** Merge/rename inside the caller's transaction: the number of thoughts rewritten. */
  rewriteTags(
    manager: EntityManager,
    userId: string,
    from: string[],
    into: string,
  ): Promise<number> {
    return this.thoughts.rewriteTags(manager, userId, from, into);
  }

  /** For task conversion, inside its transaction: false when the thought is gone (deleted meanwhile). */
  async markActionable(manager: EntityManager, userId: string, id: string): Promise<boolean> {
    return (await this.thoughts.update(userId, id, { isActionable: true }, manager)) !== null;
  }

  async delete(userId: string, id: string): Promise<void> {
    if (!(await this.thoughts.delete(userId, id))) throw notFound('thought');
  }

  /** `fresh`: from the primary, for a caller that has just written the thought (see ReadReplicas). */
  async related(
    userId: string,
    id: string,
    limit: number,
    { fresh = false }: { fresh?: boolean } = {},
  ): Promise<RelatedResult[]> {
    await this.get(userId, id);
    return rankRelated(await this.relatedThoughts.candidates(userId, id, { fresh }), limit);
  }

  tags(userId: string, limit: number): Promise<{ tag: string; count: number }[]> {
    return this.thoughts.tagCounts(userId, limit);
  }

  /** The tag vocabulary the AI reuses; `shareable` is false for tags seen only on local_only thoughts. */
  tagVocabulary(
    userId: string,
    limit: number,
  ): Promise<{ tag: string; count: number; shareable: boolean }[]> {
    return this.thoughts.tagUse(userId, limit);
  }

  /** For the analysis pipeline: the thought, or null when it was deleted meanwhile. */
  findForAnalysis(userId: string, id: string): Promise<Thought | null> {
    return this.thoughts.findById(userId, id);
  }

  /** `analysed` is the thought as analysis read it: its text decides the near-duplicate flag. */
  applyAnalysis(
    userId: string,
    analysed: Pick<Thought, 'id' | 'content'>,
    result: {
      aiTags: string[] | null;
      thoughtType: Thought['thoughtType'] & string;
      isActionable: boolean;
    },
  ) {
    return this.thoughts.applyAnalysis(userId, analysed.id, analysed.content, result);
  }

  /**
   * Brings the thought's words into the user's document frequencies (related thoughts' term
   * vectors): the analysis job calls it for every thought it reaches, analysed or skipped.
   */
  countTerms(userId: string, id: string): Promise<void> {
    return this.termStatistics.count(userId, id);
  }

  /** Analysis is off for this user; the near-duplicate flag is still set. */
  skipAnalysis(userId: string, analysed: Pick<Thought, 'id' | 'content'>): Promise<void> {
    return this.thoughts.skipAnalysis(userId, analysed.id, analysed.content);
  }

  setAnalysisStatus(userId: string, id: string, status: Thought['analysisStatus']): Promise<void> {
    return this.thoughts.setAnalysisStatus(userId, id, status);
  }

  /** Queues a fresh analysis; false when one is already waiting for this thought. */
  async requestAnalysis(userId: string, id: string): Promise<boolean> {
    await this.get(userId, id);
    await this.thoughts.setAnalysisStatus(userId, id, 'pending');
    return (await this.analysis.enqueue({ thoughtId: id, userId, reason: 'manual' })) !== null;
  }

  markChunkForReanalysis(
    manager: EntityManager,
    userId: string,
    filter: Parameters<ThoughtsRepository['markChunkForReanalysis']>[2],
    limit: number,
  ): Promise<{ id: string; createdAt: Date }[]> {
    return this.thoughts.markChunkForReanalysis(manager, userId, filter, limit);
  }

  /**
   * Stores an imported thought, validated like a capture, inside the importer's transaction.
   * `analyze` queues its analysis as bulk work (reason 'import'); an importer that brings the
   * analysis along (our own export) passes null.
   */
  async importThought(
    manager: EntityManager,
    userId: string,
    input: ImportedThought,
    analyze: { operationId: string } | null,
  ): Promise<Thought> {
    const createdAt = realDate(input.createdAt, 'created_at');
    if (!createdAt) throw invalid('created_at is required');
    const row: ImportedThoughtRow = {
      userId,
      content: normalizeContent(input.content),
      tags: normalizeTags(input.tags ?? []),
      aiTags: normalizeTags(input.aiTags ?? []),
      status: oneOf(THOUGHT_STATUSES, input.status, 'status') ?? 'active',
      thoughtType: oneOf(THOUGHT_TYPES, input.thoughtType, 'thought_type') ?? null,
      isActionable: input.isActionable ?? false,
      localOnly: input.localOnly ?? false,
      source: oneOf(THOUGHT_SOURCES, input.source, 'source') ?? 'import',
      analysisStatus: analyze
        ? 'pending'
        : (oneOf(ANALYSIS_STATUSES, input.analysisStatus, 'analysis_status') ?? 'pending'),
      analyzedAt: analyze ? null : realDate(input.analyzedAt, 'analyzed_at'),
      duplicateOfId: input.duplicateOfId ?? null,
      createdAt,
      updatedAt: realDate(input.updatedAt, 'updated_at') ?? createdAt,
    };
    const thought = await this.thoughts.insertImported(manager, row);
    // Counted now: a thought imported with its analysis never passes through the analysis job.
    if (!analyze) await this.termStatistics.count(userId, thought.id, manager);
    if (analyze)
      await this.analysis.enqueue(
        { thoughtId: thought.id, userId, reason: 'import', operationId: analyze.operationId },
        manager,
      );
    return thought;
  }

  /** For export: a page of the user's thoughts, oldest first, after the given one. */
  exportPage(
    userId: string,
    limit: number,
    after?: { createdAt: Date; id: string },
  ): Promise<Thought[]> {
    return this.thoughts.exportPage(userId, limit, after);
  }

  inWindow(userId: string, since: Date, until: Date, limit: number): Promise<Thought[]> {
    return this.thoughts.inWindow(userId, since, until, limit);
  }
}
