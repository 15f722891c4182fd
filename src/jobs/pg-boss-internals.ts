/**
 * The one place that reaches into pg-boss's private SQL builders (pg-boss 12, `dist/plans.js`,
 * not part of its public API). Capture needs the job INSERT inside its own statement (a thought
 * and its analysis job in one round trip) and the NOTIFY that `send` would issue; pg-boss has
 * no public way to give either. `pg-boss-internals.spec.ts` checks both against the installed
 * version, so an upgrade that changes them fails the suite loudly instead of capture at run time.
 */
export { insertJobs, notifyQueue } from 'pg-boss/dist/plans.js';
