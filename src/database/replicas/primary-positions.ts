/** A WAL position ("16/B374D848") as a number that orders like the position. */
export function parseLsn(lsn: string): bigint {
  const [high, low] = lsn.split('/');
  if (
    high === undefined ||
    low === undefined ||
    !/^[0-9A-F]+$/i.test(high) ||
    !/^[0-9A-F]+$/i.test(low)
  ) {
    throw new Error(`not a WAL position: ${lsn}`);
  }
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

interface Sample {
  at: number;
  lsn: bigint;
}

/**
 * The primary's flushed WAL position over the last while, sampled by the replica probe, to
 * tell how far behind a replica is. `now() - pg_last_xact_replay_timestamp()` alone is wrong
 * on an idle primary (the last replayed commit is old though nothing is missing) and at the
 * first write after idling (it reports hours for a replica a millisecond behind). Instead: a
 * replica that has replayed up to position R has been behind since the first sample at which
 * the primary was past R.
 */
export class PrimaryPositions {
  private readonly samples: Sample[] = [];

  /** @param keepMs how much history to keep; a replica behind all of it is at least this far behind */
  constructor(private readonly keepMs: number) {}

  add(at: number, lsn: bigint): void {
    this.samples.push({ at, lsn });
    while (this.samples.length > 1 && this.samples[0]!.at < at - this.keepMs) this.samples.shift();
  }

  /**
   * Milliseconds the replica is behind, given what it has replayed; Infinity when that cannot
   * be told (no primary sample yet, or behind all history and never replayed a commit).
   */
  lagMs(replayedLsn: bigint, lastReplayedCommitAt: number | null, now: number): number {
    const latest = this.samples.at(-1);
    if (!latest) return Infinity;
    if (replayedLsn >= latest.lsn) return 0;
    const firstAhead = this.samples.findIndex((sample) => sample.lsn > replayedLsn);
    if (firstAhead > 0) return Math.max(0, now - this.samples[firstAhead]!.at);
    // Behind everything kept: at least that long, and at most since its last replayed commit.
    const oldest = this.samples[0]!;
    return lastReplayedCommitAt === null
      ? Infinity
      : Math.max(now - oldest.at, now - lastReplayedCommitAt);
  }
}
