import type { Request } from 'express';
import { httpDuration } from './app-metrics.js';

type Child = ReturnType<typeof httpDuration.labels>;

/**
 * One histogram observation per request and no allocation once warm: the label children
 * are cached by Express's own route object (stable per route), method and status, so the
 * hot path is three map lookups and an observe.
 */
export function createHttpObserver(): (request: Request, status: number, seconds: number) => void {
  const byRoute = new WeakMap<object, Map<string, Map<number, Child>>>();
  const unmatched = new Map<string, Map<number, Child>>();
  return (request, status, seconds) => {
    const route = request.route as { path?: string } | undefined;
    let byMethod = route ? byRoute.get(route) : unmatched;
    if (!byMethod) {
      byMethod = new Map();
      byRoute.set(route!, byMethod);
    }
    let byStatus = byMethod.get(request.method);
    if (!byStatus) {
      byStatus = new Map();
      byMethod.set(request.method, byStatus);
    }
    let child = byStatus.get(status);
    if (!child) {
      // Unmatched paths share one label: a scanner must not grow the series without bound.
      const template = route?.path ? `${request.baseUrl ?? ''}${route.path}` : 'unmatched';
      child = httpDuration.labels(request.method, template, String(status));
      byStatus.set(status, child);
    }
    child.observe(seconds);
  };
}
