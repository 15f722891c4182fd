import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { insertJobs, notifyQueue } from './pg-boss-internals.js';

/**
 * The contract capture relies on in pg-boss's private builders. If an upgrade breaks one of
 * these, read the new `dist/plans.js` and adapt `analysis-job-sql.ts` before raising the pin.
 */
describe('pg-boss internals used by capture', () => {
  it('is the pg-boss major these builders were read from', () => {
    const entry = createRequire(import.meta.url).resolve('pg-boss');
    let dir = path.dirname(entry);
    while (!dir.endsWith(`${path.sep}pg-boss`)) dir = path.dirname(dir);
    const { version } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(version.split('.')[0]).toBe('12');
  });

  it('builds a job INSERT into <schema>.job that takes its jobs as the single parameter $1', () => {
    const sql = insertJobs('pgboss', { table: 'job', name: 'analyze-thought', returnId: false });
    expect(sql).toMatch(/INSERT INTO pgboss\.job\s*\(/);
    expect(sql.split('$1')).toHaveLength(2);
    expect(sql).not.toMatch(/\$2/);
    for (const column of ['name', 'data', 'singleton_key', 'retry_limit', 'dead_letter'])
      expect(sql).toContain(column);
    expect(sql).toContain("'analyze-thought'");
  });

  it('builds the NOTIFY that wakes workers of a queue', () => {
    const sql = notifyQueue('pgboss', 'analyze-thought');
    expect(sql).toMatch(/^\s*SELECT pg_notify\(/);
    expect(sql).toContain("'analyze-thought'");
  });
});
