import type { Queue } from 'pg-boss';

/** pg-boss's tables live in their own schema. */
export const QUEUE_SCHEMA = 'pgboss';

export const ANALYZE_THOUGHT_QUEUE = 'analyze-thought';
export const ANALYZE_THOUGHT_DEAD_LETTER = 'analyze-thought-dead';

export interface QueueDefinition {
  name: string;
  options: Omit<Queue, 'name'>;
  /** Takes expiry and retries from ANALYSIS_JOB_EXPIRE_SECONDS / ANALYSIS_RETRY_*. */
  configurable?: boolean;
}

/**
 * Analysis: 'short' policy + singletonKey = thought id keeps at most one queued analysis per
 * thought (a second "analyze" while one waits is the same request). Retries back off
 * exponentially; after the last one the job lands in the dead-letter queue.
 */
export const QUEUES: QueueDefinition[] = [
  { name: ANALYZE_THOUGHT_DEAD_LETTER, options: { retentionSeconds: 14 * 86_400 } },
  {
    name: ANALYZE_THOUGHT_QUEUE,
    options: {
      policy: 'short',
      retryBackoff: true,
      retryDelayMax: 300,
      deadLetter: ANALYZE_THOUGHT_DEAD_LETTER,
      notify: true,
      deleteAfterSeconds: 7 * 86_400,
    },
    configurable: true,
  },
];
