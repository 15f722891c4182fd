import type { Queue } from 'pg-boss';

/** pg-boss's tables live in their own schema. */
export const QUEUE_SCHEMA = 'pgboss';

export const ANALYZE_THOUGHT_QUEUE = 'analyze-thought';
export const ANALYZE_THOUGHT_DEAD_LETTER = 'analyze-thought-dead';
/** Re-analysis and imports: worked by workers of their own, at most BULK_JOBS_PER_USER per user at once. */
export const ANALYZE_THOUGHT_BULK_QUEUE = 'analyze-thought-bulk';
/** One chunk of a re-analysis's selection per job; each job queues the next. */
export const REANALYSIS_SELECT_QUEUE = 'reanalyze-select';
/** One step of a Claude Message Batch (submit, one poll, or applying its results); each poll queues the next, delayed. */
export const CLAUDE_BATCH_QUEUE = 'claude-batch';

export interface QueueDefinition {
  name: string;
  options: Omit<Queue, 'name'>;
  /** Takes expiry and retries from ANALYSIS_JOB_EXPIRE_SECONDS / ANALYSIS_RETRY_*. */
  configurable?: boolean;
}

/** The capture-time and the bulk analysis queues differ only in who may wait behind whom. */
const ANALYSIS_QUEUE_OPTIONS: QueueDefinition['options'] = {
  policy: 'short',
  retryBackoff: true,
  retryDelayMax: 300,
  deadLetter: ANALYZE_THOUGHT_DEAD_LETTER,
  notify: true,
  deleteAfterSeconds: 7 * 86_400,
};

/**
 * Analysis: 'short' policy + singletonKey = thought id keeps at most one queued analysis per
 * thought (a second "analyze" while one waits is the same request). Retries back off
 * exponentially; after the last one the job lands in the dead-letter queue.
 *
 * Bulk analysis has a queue of its own with the same guarantees, so the capture queue's
 * workers never wait behind somebody's ten thousand re-analyses.
 */
export const QUEUES: QueueDefinition[] = [
  { name: ANALYZE_THOUGHT_DEAD_LETTER, options: { retentionSeconds: 14 * 86_400 } },
  {
    name: ANALYZE_THOUGHT_QUEUE,
    options: ANALYSIS_QUEUE_OPTIONS,
    configurable: true,
  },
  {
    name: ANALYZE_THOUGHT_BULK_QUEUE,
    options: ANALYSIS_QUEUE_OPTIONS,
    configurable: true,
  },
  {
    name: REANALYSIS_SELECT_QUEUE,
    // A chunk is one short transaction; a worker killed mid-chunk leaves it to expire and run again.
    options: {
      policy: 'standard',
      retryLimit: 10,
      retryDelay: 1,
      retryBackoff: true,
      retryDelayMax: 60,
      expireInSeconds: 60,
      notify: true,
      deleteAfterSeconds: 86_400,
    },
  },
  {
    name: CLAUDE_BATCH_QUEUE,
    // A step killed with its process expires and runs again from the batch row's state.
    options: {
      policy: 'standard',
      retryLimit: 20,
      retryDelay: 5,
      retryBackoff: true,
      retryDelayMax: 600,
      expireInSeconds: 900,
      notify: true,
      deleteAfterSeconds: 7 * 86_400,
    },
  },
];
