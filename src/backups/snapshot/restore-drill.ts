import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { restoreSnapshot } from './snapshot-restore.js';
import { compareSummaries, summariseDatabase } from './table-verification.js';

export interface DrillResult {
  ok: boolean;
  detail: string;
  durationMs: number;
}

function withDatabase(url: string, database: string): string {
  const target = new URL(url);
  target.pathname = `/${database}`;
  return target.toString();
}

/**
 * Proves a snapshot restores: into a scratch database on the same server, then every
 * table's count and checksum read back from PostgreSQL must equal the snapshot's. The
 * scratch database is dropped whatever happens.
 */
export async function runRestoreDrill(serverUrl: string, file: string): Promise<DrillResult> {
  const started = performance.now();
  const scratch = `pai_drill_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({
    connectionString: serverUrl,
    application_name: 'pai-backup-drill',
  });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${scratch}"`);
    const scratchUrl = withDatabase(serverUrl, scratch);
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const restored = await restoreSnapshot(scratchUrl, file);
      const problems = compareSummaries(
        restored.trailer.tables,
        await summariseDatabase(scratchUrl),
      );
      const tables = Object.keys(restored.trailer.tables).length;
      return problems.length
        ? {
            ok: false,
            detail: `restored data differs: ${problems.join('; ')}`,
            durationMs: elapsed(),
          }
        : {
            ok: true,
            detail: `${tables} tables restored with matching counts and checksums`,
            durationMs: elapsed(),
          };
    } catch (error) {
      return {
        ok: false,
        detail: error instanceof Error ? error.message : String(error),
        durationMs: elapsed(),
      };
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`).catch(() => undefined);
    await admin.end().catch(() => undefined);
  }
}
