import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LocalTask, LocalTaskMessage, LocalTaskReply } from './local-analysis.thread.js';

/**
 * The thread's entry as built JavaScript. Production runs dist/ already; under jest this module
 * is TypeScript from src/, and a worker thread cannot load that, so it points at the same file
 * in dist/ (which `pretest` builds).
 */
export function threadEntry(moduleUrl: string = import.meta.url): URL {
  const here = fileURLToPath(moduleUrl);
  if (!here.endsWith('.ts')) return new URL('./local-analysis.thread.js', moduleUrl);
  const marker = `${'/src/ai/backends/local-thread/'}`;
  const root = here.slice(0, here.lastIndexOf(marker));
  return pathToFileURL(`${root}/dist${marker}local-analysis.thread.js`);
}

/**
 * A thread's own isolate would size its young generation as the main one does (tens of MB),
 * all of it counted in the server's RSS: a scheduler tick of 100 checks took the API from 166
 * to 260 MB. Objects that outlive a small one are promoted sooner, at a little CPU in the
 * thread, never an out-of-memory stop (only the old generation has a hard limit).
 */
const THREAD_YOUNG_GENERATION_MB = 8;

interface Pending {
  message: LocalTaskMessage;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  signal: AbortSignal;
  onAbort?: () => void;
}

interface Slot {
  worker: Worker;
  busy?: Pending;
}

/**
 * A small pool of worker threads for the local backend: a consciousness check over thousands of
 * long thoughts takes seconds of CPU, which on the main thread would stall every other request.
 * Threads start on first use and are unref'd (they never keep the process alive); a task whose
 * signal aborts while it runs takes its thread down with it (a replacement starts on demand).
 */
export class LocalThreadPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;

  constructor(
    private readonly size: number,
    private readonly entry: URL = threadEntry(),
  ) {}

  run<T>(task: LocalTask, signal: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason as Error);
      const pending: Pending = {
        message: { id: this.nextId++, task },
        resolve: resolve as (value: unknown) => void,
        reject,
        signal,
      };
      pending.onAbort = () => this.abort(pending);
      signal.addEventListener('abort', pending.onAbort, { once: true });
      this.queue.push(pending);
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot =
        this.slots.find((candidate) => !candidate.busy) ??
        (this.slots.length < this.size ? this.spawn() : undefined);
      if (!slot) return;
      const pending = this.queue.shift()!;
      slot.busy = pending;
      slot.worker.postMessage(pending.message);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.entry, {
      resourceLimits: { maxYoungGenerationSizeMb: THREAD_YOUNG_GENERATION_MB },
    });
    worker.unref();
    const slot: Slot = { worker };
    worker.on('message', (reply: LocalTaskReply) => {
      const pending = slot.busy;
      if (!pending || pending.message.id !== reply.id) return;
      slot.busy = undefined;
      this.settle(
        pending,
        'error' in reply ? new Error(reply.error) : undefined,
        'result' in reply ? reply.result : undefined,
      );
      this.dispatch();
    });
    worker.on('error', (error) => this.retire(slot, error));
    worker.on('exit', () => this.retire(slot, new Error('local analysis thread exited')));
    this.slots.push(slot);
    return slot;
  }

  /** A thread that died or was stopped leaves the pool; its task (if any) fails. */
  private retire(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    const pending = slot.busy;
    slot.busy = undefined;
    if (pending) this.settle(pending, error);
    this.dispatch();
  }

  private abort(pending: Pending): void {
    const queued = this.queue.indexOf(pending);
    if (queued >= 0) this.queue.splice(queued, 1);
    const slot = this.slots.find((candidate) => candidate.busy === pending);
    this.settle(pending, pending.signal.reason as Error);
    if (slot) {
      slot.busy = undefined;
      this.slots.splice(this.slots.indexOf(slot), 1);
      void slot.worker.terminate();
    }
    this.dispatch();
  }

  private settle(pending: Pending, error?: Error, result?: unknown): void {
    if (pending.onAbort) pending.signal.removeEventListener('abort', pending.onAbort);
    if (error) pending.reject(error);
    else pending.resolve(result);
  }
}
