import { CreateUsersAndApiKeys1764100000000 } from '../../migrations/1764100000000-CreateUsersAndApiKeys.js';
import { CreateThoughts1764200000000 } from '../../migrations/1764200000000-CreateThoughts.js';
import { CreateUserProfiles1764300000000 } from '../../migrations/1764300000000-CreateUserProfiles.js';
import { CreateUserSettings1764300000001 } from '../../migrations/1764300000001-CreateUserSettings.js';
import { CreateAiAnalysisResults1764400000000 } from '../../migrations/1764400000000-CreateAiAnalysisResults.js';
import { AddAnalysisPipeline1764600000000 } from '../../migrations/1764600000000-AddAnalysisPipeline.js';
import { CreateScheduledAnalyses1764700000000 } from '../../migrations/1764700000000-CreateScheduledAnalyses.js';
import { AddNearDuplicateFunction1764800000000 } from '../../migrations/1764800000000-AddNearDuplicateFunction.js';
import { CaptureQueuesItsAnalysis1764900000000 } from '../../migrations/1764900000000-CaptureQueuesItsAnalysis.js';
import { NearDuplicatesFlaggedByAnalysis1765000000000 } from '../../migrations/1765000000000-NearDuplicatesFlaggedByAnalysis.js';
import { AddReadAndCaptureKeyScopes1765400000000 } from '../../migrations/1765400000000-AddReadAndCaptureKeyScopes.js';
import { ReanalysisSelectsInBackground1765300000000 } from '../../migrations/1765300000000-ReanalysisSelectsInBackground.js';
import { CreateBackupRuns1765600000000 } from '../../migrations/1765600000000-CreateBackupRuns.js';
import { AddImports1765500000000 } from '../../migrations/1765500000000-AddImports.js';
import { CreateTasksAndSuggestions1764500000000 } from '../../migrations/1764500000000-CreateTasksAndSuggestions.js';
import { CreateTermStatistics1765820000000 } from '../../migrations/1765820000000-CreateTermStatistics.js';
import { CreateScheduledRuns1765850000000 } from '../../migrations/1765850000000-CreateScheduledRuns.js';
import { AddLedgerCacheAndBatch1765830000000 } from '../../migrations/1765830000000-AddLedgerCacheAndBatch.js';
import { CreateClaudeBatches1765830000001 } from '../../migrations/1765830000001-CreateClaudeBatches.js';
import { CreateTermStatisticsBackfill1765880000000 } from '../../migrations/1765880000000-CreateTermStatisticsBackfill.js';
import { ForgetLedgerTextOfDeletedThoughts1765100000000 } from '../../migrations/1765100000000-ForgetLedgerTextOfDeletedThoughts.js';
import { IndexWordsPerUser1765890000000 } from '../../migrations/1765890000000-IndexWordsPerUser.js';
import { SearchIndexesWithoutPendingLists1765900000000 } from '../../migrations/1765900000000-SearchIndexesWithoutPendingLists.js';
import { IndexTagsPerUser1765900000001 } from '../../migrations/1765900000001-IndexTagsPerUser.js';
import { AddTagAliasesAndFeedback1765810000000 } from '../../migrations/1765810000000-AddTagAliasesAndFeedback.js';

/** Every migration, in timestamp order (restore replays a prefix of it), listed explicitly (a glob under ESM silently loads none). */
export const MIGRATIONS = [
  CreateUsersAndApiKeys1764100000000,
  CreateThoughts1764200000000,
  CreateUserProfiles1764300000000,
  CreateUserSettings1764300000001,
  CreateAiAnalysisResults1764400000000,
  CreateTasksAndSuggestions1764500000000,
  AddAnalysisPipeline1764600000000,
  CreateScheduledAnalyses1764700000000,
  AddNearDuplicateFunction1764800000000,
  CaptureQueuesItsAnalysis1764900000000,
  NearDuplicatesFlaggedByAnalysis1765000000000,
  ForgetLedgerTextOfDeletedThoughts1765100000000,
  ReanalysisSelectsInBackground1765300000000,
  AddReadAndCaptureKeyScopes1765400000000,
  AddImports1765500000000,
  CreateBackupRuns1765600000000,
  AddTagAliasesAndFeedback1765810000000,
  CreateTermStatistics1765820000000,
  AddLedgerCacheAndBatch1765830000000,
  CreateClaudeBatches1765830000001,
  CreateScheduledRuns1765850000000,
  CreateTermStatisticsBackfill1765880000000,
  IndexWordsPerUser1765890000000,
  SearchIndexesWithoutPendingLists1765900000000,
  IndexTagsPerUser1765900000001,
];
