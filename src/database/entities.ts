import { AiAnalysisResult } from '../ai/ledger/ai-analysis-result.entity.js';
import { ScheduledRun } from '../common/scheduling/scheduled-run.entity.js';
import { ClaudeBatch } from '../intelligence/claude-batch.entity.js';
import { BackupRun } from '../backups/backup-run.entity.js';
import { ApiKey } from '../auth/api-key.entity.js';
import { User } from '../auth/user.entity.js';
import {
  ConsciousnessCheck,
  DismissedInsight,
} from '../consciousness/consciousness-check.entity.js';
import { ImportRecord } from '../import/import-record.entity.js';
import { ThoughtLink } from '../intelligence/thought-link.entity.js';
import { Operation } from '../operations/operation.entity.js';
import { UserProfile } from '../profiles/user-profile.entity.js';
import { UserSettings } from '../settings/user-settings.entity.js';
import { TaskSuggestion } from '../suggestions/task-suggestion.entity.js';
import { Task } from '../tasks/task.entity.js';
import { Thought } from '../thoughts/thought.entity.js';
import { ThoughtTagRejection, UserTagRejection } from '../thoughts/tag-rejection.entity.js';
import { TagAlias } from '../tags/tag-alias.entity.js';
import {
  TermStatisticsBackfillState,
  ThoughtTerms,
  UserTerm,
} from '../thoughts/search/term-statistics.entity.js';

/** Every entity, listed explicitly: glob loading silently finds nothing under ESM. */
export const ENTITIES = [
  User,
  ApiKey,
  Thought,
  UserProfile,
  UserSettings,
  Task,
  TaskSuggestion,
  AiAnalysisResult,
  ThoughtLink,
  Operation,
  ConsciousnessCheck,
  DismissedInsight,
  BackupRun,
  ImportRecord,
  TagAlias,
  ThoughtTagRejection,
  UserTagRejection,
  UserTerm,
  ThoughtTerms,
  ScheduledRun,
  ClaudeBatch,
  TermStatisticsBackfillState,
];
