import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../database/typeorm-options.js';

export type MigrationAction = 'run' | 'revert' | 'check';

/**
 * `check` fails when the entities would generate a migration: what TypeORM's
 * `migration:generate --check` does, on our one options factory.
 */
export async function runMigrationCommand(
  url: string,
  action: MigrationAction,
  out: (line: string) => void,
): Promise<number> {
  const dataSource = new DataSource(
    buildDataSourceOptions({ url, poolSize: 2, applicationName: 'pai-cli' }),
  );
  await dataSource.initialize();
  try {
    if (action === 'run') {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      out(
        applied.length
          ? applied.map((m) => `applied ${m.name}`).join('\n')
          : 'no pending migrations',
      );
      return 0;
    }
    if (action === 'revert') {
      await dataSource.undoLastMigration({ transaction: 'each' });
      out('reverted the last migration');
      return 0;
    }
    await dataSource.runMigrations({ transaction: 'each' });
    const pending = await dataSource.driver.createSchemaBuilder().log();
    if (pending.upQueries.length === 0) {
      out('entities and migrations agree');
      return 0;
    }
    out('entities and migrations disagree; a new migration would run:');
    for (const query of pending.upQueries) out(`  ${query.query};`);
    return 1;
  } finally {
    await dataSource.destroy();
  }
}
