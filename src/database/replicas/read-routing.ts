/** What the router knows of one replica, as the last probe left it. */
export type ReplicaState = 'in_use' | 'down' | 'lagging' | 'not_standby' | 'unprobed';

export interface ReplicaHealth {
  name: string;
  /** What the health endpoint shows (public: no hosts or error text). */
  state: ReplicaState;
  healthy: boolean;
  /** Milliseconds behind the primary at the last probe; null while down or unknown. */
  lagMs: number | null;
  /** Why it is skipped (down, lagging, not a standby...), null while healthy. */
  reason: string | null;
}

/**
 * Whether this user's lag-tolerant reads must go to the primary: while one of its writes is
 * in flight (read-after-write within a request) or for `windowMs` after the last one ended
 * (a list right after a capture must show the capture).
 */
export function mustReadPrimary(
  writesInFlight: number,
  lastWriteEndedAt: number | undefined,
  now: number,
  windowMs: number,
): boolean {
  return (
    writesInFlight > 0 || (lastWriteEndedAt !== undefined && now - lastWriteEndedAt < windowMs)
  );
}

/**
 * The replica to read from, taking turns among the healthy ones from `turn`; -1 when none is
 * healthy (then the primary serves).
 */
export function pickReplica(
  replicas: readonly Pick<ReplicaHealth, 'healthy'>[],
  turn: number,
): number {
  for (let step = 0; step < replicas.length; step++) {
    const index = (turn + step) % replicas.length;
    if (replicas[index]!.healthy) return index;
  }
  return -1;
}

/**
 * A replica's health from one probe: healthy when it is a standby within `maxLagMs` of the
 * primary. `lagMs` is null when the probe failed (`error` says how).
 */
export function judgeReplica(
  name: string,
  probe: { inRecovery: boolean; lagMs: number } | { error: string },
  maxLagMs: number,
): ReplicaHealth {
  if ('error' in probe)
    return {
      name,
      state: 'down',
      healthy: false,
      lagMs: null,
      reason: `unreachable: ${probe.error}`,
    };
  if (!probe.inRecovery) {
    return {
      name,
      state: 'not_standby',
      healthy: false,
      lagMs: null,
      reason: 'not a standby (pg_is_in_recovery() is false)',
    };
  }
  const lagMs = Number.isFinite(probe.lagMs) ? Math.round(probe.lagMs) : null;
  if (lagMs === null || lagMs > maxLagMs) {
    return {
      name,
      state: 'lagging',
      healthy: false,
      lagMs,
      reason: `lagging beyond READ_REPLICA_MAX_LAG_MS (${maxLagMs} ms)`,
    };
  }
  return { name, state: 'in_use', healthy: true, lagMs, reason: null };
}
