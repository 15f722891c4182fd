import { Injectable, Logger } from '@nestjs/common';
import { AiOrchestrator } from '../ai/ai-orchestrator.service.js';
import type {
  AiResult,
  AnalysisContext,
  ThoughtAnalysis,
  ThoughtForAnalysis,
} from '../ai/ai.types.js';
import { EventsService } from '../events/events.service.js';
import type { AnalyzeThoughtJob } from '../jobs/analysis-jobs.js';
import { OperationsService } from '../operations/operations.service.js';
import { ProfilesService } from '../profiles/profiles.service.js';
import { SettingsService } from '../settings/settings.service.js';
import { SuggestionsService } from '../suggestions/suggestions.service.js';
import { TagHygieneService } from '../tags/tag-hygiene.service.js';
import type { Thought } from '../thoughts/thought.entity.js';
import { ThoughtsService } from '../thoughts/thoughts.service.js';
import { toProfileForAi } from './profile-for-ai.js';
import { type LinkRow, ThoughtLinksRepository } from './thought-links.repository.js';

const VOCABULARY_SIZE = 200;
const LINKS_KEPT = 5;

export type AnalysisOutcome = 'done' | 'skipped' | 'gone';

export interface PreparedAnalysis {
  thought: Thought;
  settings: Awaited<ReturnType<SettingsService['getForUser']>>;
  context: AnalysisContext;
}

/** Where an answer comes from instead of the orchestrator's chain (a Message Batches result). */
export type AskForAnalysis = (
  thought: ThoughtForAnalysis,
  context: AnalysisContext,
) => Promise<AiResult<ThoughtAnalysis>>;

export function forAnalysis(thought: Thought): ThoughtForAnalysis {
  return {
    id: thought.id,
    content: thought.content,
    tags: thought.tags,
    createdAt: thought.createdAt,
    localOnly: thought.localOnly,
  };
}

/**
 * One thought through the pipeline: read it with the user's settings, profile and tag
 * vocabulary; ask the AI; write tags/type/actionability; hand tasks to suggestions; link
 * related thoughts; tell the dashboard. Called by the queue worker, never by a request.
 */
@Injectable()
export class ThoughtAnalysisService {
  private readonly logger = new Logger(ThoughtAnalysisService.name);

  constructor(
    private readonly thoughts: ThoughtsService,
    private readonly settings: SettingsService,
    private readonly profiles: ProfilesService,
    private readonly ai: AiOrchestrator,
    private readonly suggestions: SuggestionsService,
    private readonly links: ThoughtLinksRepository,
    private readonly events: EventsService,
    private readonly operations: OperationsService,
    private readonly tagHygiene: TagHygieneService,
  ) {}

  async analyze(
    job: AnalyzeThoughtJob,
    now: Date = new Date(),
    ask?: AskForAnalysis,
  ): Promise<AnalysisOutcome> {
    const prepared = await this.prepare(job, now);
    if ('outcome' in prepared) return prepared.outcome;
    const { thought, settings, context } = prepared;
    const input = forAnalysis(thought);
    const result = ask
      ? await ask(input, context)
      : await this.ai.analyzeThought(input, context, { preferred: settings.aiBackend });
    await this.thoughts.applyAnalysis(job.userId, thought, {
      aiTags: settings.autoTaggingEnabled
        ? await this.tagHygiene.tidyAiTags(
            job.userId,
            thought.id,
            result.value.tags.map((tag) => tag.tag),
            thought.tags,
            context.rejectedTags ?? [],
          )
        : null,
      thoughtType: result.value.thoughtType,
      isActionable: result.value.isActionable,
    });
    const offered = await this.suggestions.offer(
      job.userId,
      result.value.tasks.map((task) => ({
        title: task.title,
        description: task.description ?? null,
        priority: task.priority,
        dueDate: task.dueDate,
        dueTime: task.dueTime,
        confidence: task.confidence,
        evidence: task.evidence,
      })),
      {
        sourceThoughtId: thought.id,
        origin: 'analysis',
        backend: result.backend,
        model: result.model,
        // Imported thoughts are old news: at most suggest their tasks, never create them.
        mode:
          job.reason === 'import' && settings.taskSuggestionMode === 'auto'
            ? 'suggest'
            : settings.taskSuggestionMode,
        threshold: settings.autoTaskConfidenceThreshold,
      },
    );
    // Counted before linking, so the term vectors of its own links already know its words.
    await this.thoughts.countTerms(job.userId, thought.id);
    await this.linkRelated(job.userId, thought.id);
    this.events.publish({ userId: job.userId, type: 'thought.analyzed', id: thought.id });
    for (const row of offered.offered) {
      if (row.suggestion.status === 'pending')
        this.events.publish({
          userId: job.userId,
          type: 'suggestion.created',
          id: row.suggestion.id,
        });
    }
    for (const task of offered.autoAccepted)
      this.events.publish({ userId: job.userId, type: 'task.created', id: task.id });
    await this.reportProgress(job, 'done');
    return 'done';
  }

  /**
   * What an analysis of this job's thought is asked with, or how the job ends without one: the
   * thought is gone, or the user turned analysis off. A batch builds its requests from this too,
   * so a batched analysis sees exactly what a single one would.
   */
  async prepare(
    job: AnalyzeThoughtJob,
    now: Date = new Date(),
  ): Promise<PreparedAnalysis | { outcome: AnalysisOutcome }> {
    const thought = await this.thoughts.findForAnalysis(job.userId, job.thoughtId);
    if (!thought) {
      await this.reportProgress(job, 'done');
      return { outcome: 'gone' };
    }
    const settings = await this.settings.getForUser(job.userId);
    if (!settings.autoTaggingEnabled && settings.taskSuggestionMode === 'off') {
      await this.thoughts.skipAnalysis(job.userId, thought);
      await this.thoughts.countTerms(job.userId, thought.id);
      await this.reportProgress(job, 'done');
      return { outcome: 'skipped' };
    }
    const [profile, allVocabulary, rejectedTags] = await Promise.all([
      this.profiles.getForUser(job.userId),
      this.thoughts.tagVocabulary(job.userId, VOCABULARY_SIZE),
      this.tagHygiene.learnedRejections(job.userId),
    ]);
    // A tag the user keeps removing is not part of their vocabulary, for any backend.
    const vocabulary = allVocabulary.filter((entry) => !rejectedTags.includes(entry.tag));
    const context: AnalysisContext = {
      userId: job.userId,
      profile: toProfileForAi(profile),
      existingTags: vocabulary.map((entry) => entry.tag),
      localOnlyTags: vocabulary.filter((entry) => !entry.shareable).map((entry) => entry.tag),
      rejectedTags,
      timezone: profile.timezone,
      now,
    };
    return { thought, settings, context };
  }

  /** For import: links carried over from another instance's analysis. */
  importLinks(userId: string, thoughtId: string, links: LinkRow[]): Promise<void> {
    return this.links.replace(userId, thoughtId, links);
  }

  /** For export: the related thoughts analysis linked to each of these thoughts. */
  linksOf(userId: string, thoughtIds: string[]): Promise<Map<string, LinkRow[]>> {
    return thoughtIds.length === 0
      ? Promise.resolve(new Map())
      : this.links.forThoughts(userId, thoughtIds);
  }

  /** The last attempt failed: the thought says so (the job goes to the dead-letter queue). */
  async giveUp(job: AnalyzeThoughtJob): Promise<void> {
    await this.thoughts.setAnalysisStatus(job.userId, job.thoughtId, 'failed');
    await this.reportProgress(job, 'failed');
    this.events.publish({ userId: job.userId, type: 'thought.analyzed', id: job.thoughtId });
  }

  private async linkRelated(userId: string, thoughtId: string): Promise<void> {
    try {
      // From the primary: a replica may not have the thought or the tags just written yet.
      const related = await this.thoughts.related(userId, thoughtId, LINKS_KEPT, { fresh: true });
      await this.links.replace(
        userId,
        thoughtId,
        related.map((hit) => ({
          relatedThoughtId: hit.thought.id,
          score: hit.score,
          sharedTags: hit.sharedTags,
        })),
      );
    } catch (error) {
      // Links are a nicety; the analysis itself already landed.
      this.logger.warn(`could not link related thoughts: ${(error as Error).message}`);
    }
  }

  private async reportProgress(job: AnalyzeThoughtJob, outcome: 'done' | 'failed'): Promise<void> {
    // An import's operation counts the records it read, not the analyses that follow.
    if (job.operationId && job.reason !== 'import')
      await this.operations.recordItem(job.operationId, outcome);
  }
}
