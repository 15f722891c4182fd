import { unlink } from 'node:fs/promises';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { DomainError, invalid } from '../common/errors/domain-errors.js';
import { ConsciousnessService } from '../consciousness/consciousness.service.js';
import type { StoredInsight } from '../consciousness/consciousness-check.entity.js';
import { ThoughtAnalysisService } from '../intelligence/thought-analysis.service.js';
import { AnalysisJobs } from '../jobs/analysis-jobs.js';
import type { Operation } from '../operations/operation.entity.js';
import { OperationsService } from '../operations/operations.service.js';
import { ReplaceProfileDto } from '../profiles/dto/replace-profile.dto.js';
import { toProfileContent } from '../profiles/profile.mapper.js';
import { ProfilesService } from '../profiles/profiles.service.js';
import { UpdateSettingsDto } from '../settings/dto/update-settings.dto.js';
import { toSettingsChange } from '../settings/settings.mapper.js';
import { SettingsService } from '../settings/settings.service.js';
import { SuggestionsService } from '../suggestions/suggestions.service.js';
import type { TaskPriority, TaskStatus } from '../tasks/task.entity.js';
import { TasksService } from '../tasks/tasks.service.js';
import { ThoughtsService } from '../thoughts/thoughts.service.js';
import { ImportFileError } from './import-file-error.js';
import { ImportRecordsRepository, type ImportTransaction } from './import-records.repository.js';
import { ImportStats, type RecordOutcome } from './import-stats.js';
import {
  type ExportSectionRecord,
  parseDate,
  type ImportSource,
  type SourceRecord,
  type ThoughtRecord,
} from './source-record.js';
import { karakeepRecords } from './sources/karakeep.source.js';
import { markdownRecords } from './sources/markdown.source.js';
import { memosRecords } from './sources/memos.source.js';
import { paiRecords } from './sources/pai.source.js';

/** Records per transaction (and per progress update): big enough to be quick, small enough to show progress. */
const BATCH = 200;

const READERS: Record<ImportSource, (file: string) => AsyncGenerator<SourceRecord>> = {
  pai: paiRecords,
  markdown: markdownRecords,
  memos: memosRecords,
  karakeep: karakeepRecords,
};

type Json = Record<string, unknown>;
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The state of one run: what the source's ids became here, and the links to write once every thought exists. */
interface RunContext {
  userId: string;
  source: ImportSource;
  dryRun: boolean;
  operationId: string;
  ids: Map<string, string>;
  links: { thoughtId: string; links: NonNullable<ThoughtRecord['links']> }[];
}

/**
 * Imports a spooled upload as a tracked operation: records are read one at a time, each is
 * written in a savepoint (a bad one is reported and rolled back alone) inside transactions of
 * BATCH records, and a dry run does everything in one transaction it rolls back. Fingerprints
 * of what was imported make a second import of the same file create nothing.
 */
@Injectable()
export class ImportService implements OnApplicationShutdown {
  private readonly logger = new Logger(ImportService.name);
  private readonly running = new Set<Promise<void>>();
  private stopping = false;

  constructor(
    private readonly records: ImportRecordsRepository,
    private readonly operations: OperationsService,
    private readonly thoughts: ThoughtsService,
    private readonly analysis: ThoughtAnalysisService,
    private readonly jobs: AnalysisJobs,
    private readonly tasks: TasksService,
    private readonly suggestions: SuggestionsService,
    private readonly checks: ConsciousnessService,
    private readonly profiles: ProfilesService,
    private readonly settings: SettingsService,
  ) {}

  /** Starts the import in the background and answers with its operation at once. */
  async start(
    userId: string,
    source: ImportSource,
    dryRun: boolean,
    upload: { path: string; bytes: number; name: string | null },
  ): Promise<Operation> {
    const operation = await this.operations.start(userId, 'import', {
      source,
      dry_run: dryRun,
      bytes: upload.bytes,
      file_name: upload.name,
    });
    const run = this.run(
      { userId, source, dryRun, operationId: operation.id, ids: new Map(), links: [] },
      upload.path,
    ).finally(() => {
      this.running.delete(run);
      void unlink(upload.path).catch(() => undefined);
    });
    this.running.add(run);
    return operation;
  }

  /** A stopping server finishes the batch in hand, marks the import failed and waits for it. */
  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.running]);
  }

  /** Waits for every import this process is running (tests, shutdown). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private async run(context: RunContext, file: string): Promise<void> {
    const stats = new ImportStats();
    const progress = () => ({
      total: stats.total,
      done: stats.done,
      failed: stats.failures,
      result: stats.result(context.dryRun),
    });
    let transaction: ImportTransaction | null = await this.records.begin();
    let inBatch = 0;
    try {
      for await (const record of READERS[context.source](file)) {
        if (this.stopping)
          throw new ImportFileError(
            'the server stopped during the import; import the file again to finish it',
          );
        stats.total++;
        if (record.kind === 'problem') {
          stats.problem(record.ref, record.message);
          continue;
        }
        try {
          const outcome = await transaction.record((manager) =>
            this.apply(manager, context, record),
          );
          stats.count(outcome, record.kind);
        } catch (error) {
          const message = recordProblem(error);
          if (message === null) throw error;
          stats.problem(record.ref, message);
        }
        if (++inBatch < BATCH) continue;
        inBatch = 0;
        if (!context.dryRun) {
          await transaction.commit();
          transaction = null;
          this.jobs.nudge();
          transaction = await this.records.begin();
        }
        await this.operations.setProgress(context.operationId, progress());
      }
      if (context.dryRun) await transaction.rollback();
      else await transaction.commit();
      transaction = null;
      if (!context.dryRun) {
        await this.writeLinks(context);
        this.jobs.nudge();
      }
      await this.operations.finish(
        context.operationId,
        stats.failures > 0 ? 'completed_with_failures' : 'completed',
        progress(),
      );
    } catch (error) {
      await transaction?.rollback().catch(() => undefined);
      const message = error instanceof ImportFileError ? error.message : fileError(error);
      if (!(error instanceof ImportFileError))
        this.logger.warn(
          { operation_id: context.operationId, err: (error as Error).message },
          'import failed',
        );
      stats.failed(message);
      await this.operations
        .finish(context.operationId, 'failed', progress())
        .catch(() => undefined);
    }
  }

  private async apply(
    manager: EntityManager,
    context: RunContext,
    record: Exclude<SourceRecord, { kind: 'problem' }>,
  ): Promise<RecordOutcome> {
    if (record.kind === 'profile' || record.kind === 'settings') {
      await this.applyDocument(context, record.kind, record.record);
      return 'created';
    }
    return this.applyRecord(manager, context, record as ThoughtRecord | ExportSectionRecord);
  }

  private async applyRecord(
    manager: EntityManager,
    context: RunContext,
    record: ThoughtRecord | ExportSectionRecord,
  ): Promise<RecordOutcome> {
    const { userId, source } = context;
    const earlier = await this.records.claim(
      manager,
      userId,
      source,
      record.fingerprint,
      record.kind,
    );
    const originalId = record.kind === 'thought' ? record.originalId : str(record.record.id);
    if (earlier) {
      if (originalId && earlier.recordId) context.ids.set(originalId, earlier.recordId);
      return 'already_imported';
    }
    const id = await this.create(manager, context, record);
    await this.records.setRecordId(manager, userId, source, record.fingerprint, id);
    if (originalId) context.ids.set(originalId, id);
    return 'created';
  }

  private async create(
    manager: EntityManager,
    context: RunContext,
    record: ThoughtRecord | ExportSectionRecord,
  ): Promise<string> {
    const { userId, ids } = context;
    const mapped = (value: unknown) =>
      typeof value === 'string' ? (ids.get(value) ?? null) : null;
    if (record.kind === 'thought') {
      const thought = await this.thoughts.importThought(
        manager,
        userId,
        { ...record.thought, duplicateOfId: mapped(record.thought.duplicateOfId) },
        record.analyze ? { operationId: context.operationId } : null,
      );
      if (record.links?.length) context.links.push({ thoughtId: thought.id, links: record.links });
      return thought.id;
    }
    const row = record.record;
    if (record.kind === 'task') {
      const task = await this.tasks.importTask(manager, userId, {
        title: str(row.title) ?? '',
        description: str(row.description),
        priority: (str(row.priority) ?? 'medium') as TaskPriority,
        status: (str(row.status) ?? 'pending') as TaskStatus,
        dueDate: str(row.due_date),
        dueTime: str(row.due_time),
        sourceThoughtId: mapped(row.source_thought_id),
        sourceSuggestionId: mapped(row.source_suggestion_id),
        completedAt: parseDate(row.completed_at),
        createdAt: requiredDate(row.created_at, 'created_at'),
        updatedAt: parseDate(row.updated_at) ?? requiredDate(row.created_at, 'created_at'),
      });
      return task.id;
    }
    if (record.kind === 'suggestion') {
      const id = await this.suggestions.importSuggestion(manager, userId, {
        title: str(row.title) ?? '',
        description: str(row.description),
        priority: (str(row.priority) ?? 'medium') as TaskPriority,
        dueDate: str(row.due_date),
        dueTime: str(row.due_time),
        confidence: typeof row.confidence === 'number' ? row.confidence : Number.NaN,
        evidence: str(row.evidence),
        sourceThoughtId: mapped(row.source_thought_id),
        origin: (str(row.origin) ?? 'analysis') as 'analysis',
        status: (str(row.status) ?? 'pending') as 'pending',
        backend: str(row.backend),
        model: str(row.model),
        rejectReason: str(row.reject_reason),
        decidedAt: parseDate(row.decided_at),
        createdAt: requiredDate(row.created_at, 'created_at'),
      });
      if (!id) throw invalid('an equivalent suggestion already exists');
      return id;
    }
    const withThoughts = (items: unknown) =>
      (Array.isArray(items) ? items : []).map((item: Json) => {
        const { index: _index, ...rest } = item;
        return {
          ...rest,
          thought_ids: (Array.isArray(item.thought_ids) ? item.thought_ids : [])
            .map(mapped)
            .filter((id): id is string => id !== null),
        };
      });
    return this.checks.importCheck(manager, userId, {
      trigger: (str(row.trigger) ?? 'manual') as 'manual',
      state: (str(row.state) ?? 'done') as 'done',
      windowStart: requiredDate(row.window_start, 'window_start'),
      windowEnd: requiredDate(row.window_end, 'window_end'),
      newThoughtCount: typeof row.new_thought_count === 'number' ? row.new_thought_count : 0,
      summary: str(row.summary) ?? '',
      patterns: withThoughts(row.patterns),
      insights: withThoughts(row.insights) as unknown as StoredInsight[],
      suggestions: withThoughts(row.suggestions),
      backend: str(row.backend),
      model: str(row.model),
      inputTokens: typeof row.input_tokens === 'number' ? row.input_tokens : 0,
      outputTokens: typeof row.output_tokens === 'number' ? row.output_tokens : 0,
      durationMs: typeof row.duration_ms === 'number' ? row.duration_ms : 0,
      createdAt: requiredDate(row.created_at, 'created_at'),
    });
  }

  /** Profile and settings replace the account's (validated as their own routes validate them); a dry run only validates. */
  private async applyDocument(
    context: RunContext,
    kind: 'profile' | 'settings',
    record: Json,
  ): Promise<void> {
    const { created_at: _created, updated_at: _updated, ...fields } = record;
    const dto: ReplaceProfileDto | UpdateSettingsDto =
      kind === 'profile'
        ? plainToInstance(ReplaceProfileDto, fields)
        : plainToInstance(UpdateSettingsDto, fields);
    const errors = await validate(dto, { whitelist: true, forbidUnknownValues: true });
    if (errors.length > 0) {
      throw invalid(
        `${kind} is not valid: ${errors.flatMap((error) => Object.values(error.constraints ?? { [error.property]: `${error.property} is invalid` })).join('; ')}`,
      );
    }
    if (context.dryRun) return;
    if (dto instanceof ReplaceProfileDto)
      await this.profiles.replace(context.userId, toProfileContent(dto));
    else await this.settings.update(context.userId, toSettingsChange(dto as UpdateSettingsDto));
  }

  /** Links name thoughts anywhere in the file, so they are written once all thoughts exist. */
  private async writeLinks(context: RunContext): Promise<void> {
    for (const { thoughtId, links } of context.links) {
      const known = links
        .map((link) => ({
          relatedThoughtId: context.ids.get(link.thoughtId),
          score: link.score,
          sharedTags: link.sharedTags,
        }))
        .filter(
          (link): link is { relatedThoughtId: string; score: number; sharedTags: string[] } =>
            link.relatedThoughtId !== undefined,
        );
      if (known.length > 0) await this.analysis.importLinks(context.userId, thoughtId, known);
    }
  }
}

function requiredDate(value: unknown, field: string): Date {
  const date = parseDate(value);
  if (!date) throw invalid(`${field} is missing or not a date`);
  return date;
}

/** A record's own fault, in words for the problems list; null for anything else (the import stops). */
function recordProblem(error: unknown): string | null {
  if (error instanceof DomainError) return error.message;
  const code =
    (error as { code?: unknown; driverError?: { code?: unknown } })?.driverError?.code ??
    (error as { code?: unknown })?.code;
  // Data exceptions (22) and integrity violations (23): what the record held, not the database's health.
  if (typeof code === 'string' && (code.startsWith('22') || code.startsWith('23')))
    return `the database refused it (${code}): ${(error as Error).message}`;
  return null;
}

function fileError(error: unknown): string {
  const message = (error as Error)?.message ?? String(error);
  // Parse errors of the JSON reader and zip reader describe the file; anything else is ours.
  if (/parse|JSON|zip|central directory|signature|Unexpected/i.test(message))
    return `the file could not be read: ${message}`;
  return 'the import stopped on an internal error; nothing after the last progress update was kept';
}
