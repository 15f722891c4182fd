import { constants, type PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';
import { Gauge } from 'prom-client';
import { registry } from './app-metrics.js';

/** Heap in use just after the last full (mark-sweep) collection: the live set, without garbage. */
let liveHeapBytes = Number.NaN;
let observer: PerformanceObserver | undefined;

function watchFullCollections(): void {
  if (observer) return;
  observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (
        (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ===
        constants.NODE_PERFORMANCE_GC_MAJOR
      ) {
        liveHeapBytes = process.memoryUsage().heapUsed;
      }
    }
  });
  observer.observe({ entryTypes: ['gc'] });
}

/**
 * This process's memory, read at scrape time, to watch for a leak (the soak test reads them).
 * Heap in use rises and falls by tens of percent between full collections, so the heap
 * after the last one is the figure that shows growth. `pai_`-prefixed so they never collide
 * with prom-client's default process metrics should those be registered too.
 */
export const memoryMetrics = [
  new Gauge({
    name: 'pai_process_resident_memory_bytes',
    help: 'Resident set size of this process in bytes.',
    registers: [registry],
    collect() {
      this.set(process.memoryUsage.rss());
    },
  }),
  new Gauge({
    name: 'pai_process_heap_used_bytes',
    help: 'V8 heap in use by this process in bytes.',
    registers: [registry],
    collect() {
      this.set(process.memoryUsage().heapUsed);
    },
  }),
  new Gauge({
    name: 'pai_process_heap_after_full_gc_bytes',
    help: 'V8 heap in use just after the last full collection (NaN until one has run since the first scrape).',
    registers: [registry],
    collect() {
      // Watching starts with the first scrape: a server nobody scrapes pays nothing.
      watchFullCollections();
      this.set(liveHeapBytes);
    },
  }),
];
