import pg from 'pg';

type ConnectCallback = (
  err: Error | undefined,
  client: pg.PoolClient | undefined,
  done: (release?: unknown) => void,
) => void;

/**
 * The pg module TypeORM is given as its `driver` when replicas are configured. TypeORM opens
 * one connection of every pool while it initialises and fails start-up if any cannot connect,
 * so a replica that happens to be down would keep the server from starting. A replica's pool
 * here lets that first check pass (the replica probe finds out and the router skips it); the
 * primary's pool is untouched, and every later connect behaves as pg's own.
 */
export function replicaTolerantPg(replicaUrls: readonly string[]): typeof pg {
  const replicas = new Set(replicaUrls);
  class ReplicaTolerantPool extends pg.Pool {
    private startupCheckPending: boolean;

    constructor(config?: pg.PoolConfig) {
      super(config);
      this.startupCheckPending = replicas.has(config?.connectionString ?? '');
    }

    override connect(): Promise<pg.PoolClient>;
    override connect(callback: ConnectCallback): void;
    override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
      if (!callback) return super.connect();
      if (!this.startupCheckPending) return super.connect(callback);
      this.startupCheckPending = false;
      super.connect((error, client, done) =>
        error ? callback(undefined, undefined, () => undefined) : callback(undefined, client, done),
      );
    }
  }
  return Object.assign(Object.create(pg) as typeof pg, { Pool: ReplicaTolerantPool });
}
