import type pg from 'pg';

/** The schemas a snapshot covers: the app's tables and pg-boss's queue. */
export const SNAPSHOT_SCHEMAS = ['public', 'pgboss'];

export interface CatalogTable {
  name: string;
  /** Partitioned parents are read through a SELECT: COPY TO takes plain tables only. */
  partitioned: boolean;
  columns: string[];
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/**
 * Every table of the covered schemas (partitions through their parent), ordered so a table
 * comes after the tables its foreign keys point at: a restore can then load them in file
 * order without disabling constraint triggers (which needs a superuser).
 */
export async function listTables(client: pg.ClientBase): Promise<CatalogTable[]> {
  const { rows: tables } = await client.query<{
    oid: number;
    schema: string;
    table: string;
    kind: string;
  }>(
    `SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS table, c.relkind AS kind
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p') AND NOT c.relispartition
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
     ORDER BY n.nspname, c.relname`,
    [SNAPSHOT_SCHEMAS],
  );
  const { rows: columns } = await client.query<{ oid: number; column: string }>(
    `SELECT a.attrelid::int AS oid, a.attname AS column FROM pg_attribute a
     WHERE a.attrelid = ANY($1) AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     ORDER BY a.attrelid, a.attnum`,
    [tables.map((t) => t.oid)],
  );
  const { rows: references } = await client.query<{ child: number; parent: number }>(
    `SELECT DISTINCT coalesce(pg_partition_root(conrelid), conrelid)::int AS child,
       coalesce(pg_partition_root(confrelid), confrelid)::int AS parent
     FROM pg_constraint WHERE contype = 'f'`,
  );
  const byOid = new Map(tables.map((t) => [t.oid, t]));
  const dependsOn = new Map<number, Set<number>>(tables.map((t) => [t.oid, new Set()]));
  for (const { child, parent } of references) {
    if (child !== parent && byOid.has(child) && byOid.has(parent))
      dependsOn.get(child)!.add(parent);
  }
  const ordered: number[] = [];
  const state = new Map<number, 'visiting' | 'done'>();
  const visit = (oid: number) => {
    if (state.get(oid) === 'done') return;
    if (state.get(oid) === 'visiting')
      throw new Error(`foreign keys form a cycle through ${byOid.get(oid)!.table}`);
    state.set(oid, 'visiting');
    for (const parent of dependsOn.get(oid)!) visit(parent);
    state.set(oid, 'done');
    ordered.push(oid);
  };
  for (const t of tables) visit(t.oid);
  return ordered.map((oid) => {
    const t = byOid.get(oid)!;
    return {
      name: `${quote(t.schema)}.${quote(t.table)}`,
      partitioned: t.kind === 'p',
      columns: columns.filter((c) => c.oid === oid).map((c) => c.column),
    };
  });
}

export function columnList(columns: string[]): string {
  return columns.map(quote).join(', ');
}

/** The statement that reads a table's rows, in the same form for the backup and the drill. */
export function copyOutStatement(table: CatalogTable): string {
  return table.partitioned
    ? `COPY (SELECT ${columnList(table.columns)} FROM ${table.name}) TO STDOUT`
    : `COPY ${table.name} (${columnList(table.columns)}) TO STDOUT`;
}

export async function listSequences(
  client: pg.ClientBase,
): Promise<{ name: string; last_value: string | null }[]> {
  const { rows } = await client.query<{ name: string; last_value: string | null }>(
    `SELECT format('%I.%I', schemaname, sequencename) AS name, last_value::text AS last_value
     FROM pg_sequences WHERE schemaname = ANY($1) ORDER BY 1`,
    [SNAPSHOT_SCHEMAS],
  );
  return rows;
}

/** Tables, views and sequences of ours (extension objects aside): none means an empty database. */
export async function countOwnRelations(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')`,
    [SNAPSHOT_SCHEMAS],
  );
  return rows[0]!.count;
}
