import type { Response } from 'express';

/**
 * Unsent bytes one stream may hold in memory beyond what the socket took. A reader that
 * keeps up never comes near it (events are a few KiB); one that stopped reading is dropped
 * instead of growing the server's memory with every event.
 */
export const MAX_UNSENT_BYTES = 512 * 1024;

export type StreamEndReason = 'client_closed' | 'key_ended' | 'slow_consumer' | 'shutdown';

/** One open text/event-stream response: writes frames, and ends exactly once. */
export class SseStream {
  private ended = false;
  private readonly endHandlers: ((reason: StreamEndReason) => void)[] = [];

  constructor(
    private readonly response: Response,
    private readonly maxUnsentBytes = MAX_UNSENT_BYTES,
  ) {
    response.on('close', () => this.finish('client_closed'));
  }

  get isOpen(): boolean {
    return !this.ended;
  }

  /** Headers and the reconnect delay; after this, errors can only end the stream. */
  begin(): void {
    this.response.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // Reverse proxies (nginx) must not buffer the stream.
      'X-Accel-Buffering': 'no',
    });
    this.response.flushHeaders();
    this.response.write('retry: 5000\n: connected\n\n');
  }

  onEnd(handler: (reason: StreamEndReason) => void): void {
    this.endHandlers.push(handler);
  }

  /** Writes one frame; a consumer whose backlog passed the bound is cut off instead. */
  send(frame: string): void {
    if (this.ended) return;
    this.response.write(frame);
    if (this.response.writableLength > this.maxUnsentBytes) {
      this.finish('slow_consumer');
      // Whatever is still queued would only be sent to someone who is not reading.
      this.response.destroy();
    }
  }

  /** Tells the client why (when it can still hear it) and ends the response. */
  end(reason: StreamEndReason): void {
    if (this.ended) return;
    this.response.write(`event: stream.closed\ndata: ${JSON.stringify({ reason })}\n\n`);
    this.finish(reason);
    this.response.end();
  }

  private finish(reason: StreamEndReason): void {
    if (this.ended) return;
    this.ended = true;
    for (const handler of this.endHandlers) handler(reason);
  }
}
