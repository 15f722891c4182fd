import { Injectable } from '@nestjs/common';

/** A key announced as changed (revoked, rotated, given an expiry), or "re-check every key". */
export type ApiKeyChange = { keyHash: string } | { resync: true };
type Handler = (change: ApiKeyChange) => void;

/**
 * In-process fan-out of the cross-instance key notices, for what outlives one request (an
 * open event stream): the verified-key cache forgets, long-lived holders re-check.
 */
@Injectable()
export class ApiKeyChanges {
  private readonly handlers = new Set<Handler>();

  subscribe(handler: Handler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  emit(change: ApiKeyChange): void {
    for (const handler of this.handlers) handler(change);
  }
}
