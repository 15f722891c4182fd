/**
 * Group commit for a hot write: while `maxInFlight` statements are running, new items wait
 * and go together in the next statement (one round trip, one transaction, one WAL flush for
 * all of them). Nothing waits on a timer: an idle batcher writes an item at once, so a lone
 * request pays no latency; under load, batches grow by themselves with the time a statement
 * takes. A failed batch is retried one item at a time, so one bad item (a user deleted
 * meanwhile) fails only its own request.
 */
export interface WriteBatcherOptions {
  maxInFlight: number;
  maxBatch: number;
}

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

export class WriteBatcher<I, O> {
  private waiting: Waiting<I, O>[] = [];
  private inFlight = 0;

  /** `write` returns one result per item, in the items' order. */
  constructor(
    private readonly write: (items: I[]) => Promise<O[]>,
    private readonly options: WriteBatcherOptions,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      this.inFlight++;
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async run(batch: Waiting<I, O>[]): Promise<void> {
    try {
      const results = await this.write(batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      await Promise.all(batch.map((w) => this.run([w])));
    }
  }
}
