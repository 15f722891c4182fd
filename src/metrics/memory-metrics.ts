import { Gauge } from 'prom-client';
import { registry } from './app-metrics.js';

/**
 * This process's memory, read at scrape time: resident set size and the V8 heap in use, to
 * watch for a leak (the soak test reads them). `pai_`-prefixed so they never collide with
 * prom-client's default process metrics should those be registered too.
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
];
