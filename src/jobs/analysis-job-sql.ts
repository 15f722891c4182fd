import { insertJobs } from './pg-boss-internals.js';
import { ANALYZE_THOUGHT_QUEUE, QUEUE_SCHEMA } from './queues.js';

/**
 * pg-boss's own job insert for the analysis queue (its retry, expiry, dead-letter and
 * singleton rules come from the queue row, as for `send`), fed from the rows of a CTE
 * instead of a parameter. Capture puts it in the same statement as the thought's INSERT: one
 * round trip, one transaction, so a thought is never stored without its analysis job.
 *
 * `source` must name a CTE with `id` and `user_id` columns.
 */
export function analysisJobsFrom(source: string): string {
  const jobs = `(SELECT json_agg(json_build_object(
      'data', json_build_object('thoughtId', s.id, 'userId', s.user_id, 'reason', 'capture'),
      'singletonKey', s.id))::text FROM ${source} s)`;
  const insert = insertJobs(QUEUE_SCHEMA, {
    table: 'job',
    name: ANALYZE_THOUGHT_QUEUE,
    returnId: false,
  });
  if (insert.split('$1').length !== 2)
    throw new Error('pg-boss job insert no longer takes its jobs as $1');
  return insert.replace('$1', () => jobs);
}
