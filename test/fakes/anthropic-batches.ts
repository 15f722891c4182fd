import { randomUUID } from 'node:crypto';
import type { AnthropicStep } from './anthropic-fake.js';
import type { RecordedRequest, Reply } from './fake-server.js';

/** How one item of a batch ends: as a Messages step would answer it, or expired/canceled. */
export type BatchItemOutcome = AnthropicStep | { kind: 'expired' } | { kind: 'canceled' };

interface FakeBatch {
  id: string;
  createdAt: string;
  /** GET retrieves answered so far; the batch ends when it reaches `endsAfterPolls`. */
  polls: number;
  endsAfterPolls: number;
  ended: boolean;
  lines: { custom_id: string; result: Record<string, unknown> }[];
}

const json = (status: number, body: unknown): Reply => ({ status, body: JSON.stringify(body) });
const notFound = () =>
  json(404, { type: 'error', error: { type: 'not_found_error', message: 'batch not found' } });

/**
 * The Message Batches API: `POST /v1/messages/batches` answers every item at once (as the
 * Messages fake would, or as `itemOutcome` says), `GET .../{id}` reports `in_progress` until it
 * has been polled `endsAfterPolls` times, then `ended` with a `results_url`, and `GET
 * .../{id}/results` streams one JSON line per item, in no promised order (reversed here, so a
 * client that relies on request order is caught).
 */
export class FakeBatches {
  /** Retrieves answered `in_progress` before a batch ends; Infinity holds batches until `endAll()`. */
  endsAfterPolls = 1;
  /** Per item (by custom_id): how it ends; undefined answers it like POST /v1/messages. */
  itemOutcome: (customId: string, params: unknown) => BatchItemOutcome | undefined = () =>
    undefined;
  readonly created: {
    id: string;
    requests: { custom_id: string; params: Record<string, unknown> }[];
  }[] = [];
  private readonly batches = new Map<string, FakeBatch>();

  constructor(
    private readonly baseUrl: () => string,
    private readonly renderMessage: (params: unknown, step?: AnthropicStep) => Reply,
  ) {}

  /** Ends every batch still processing (a held batch the test now lets finish). */
  endAll(): void {
    for (const batch of this.batches.values()) batch.ended = true;
  }

  reset(): void {
    this.batches.clear();
    this.created.length = 0;
    this.endsAfterPolls = 1;
    this.itemOutcome = () => undefined;
  }

  handle(request: RecordedRequest): Reply {
    const [, , , , id, results] = request.path.split('/');
    if (request.method === 'POST' && !id) return this.create(request.body);
    const batch = id ? this.batches.get(id) : undefined;
    if (!batch || request.method !== 'GET') return notFound();
    if (results) {
      if (!batch.ended)
        return json(400, {
          type: 'error',
          error: { type: 'invalid_request_error', message: 'batch is still processing' },
        });
      const body = [...batch.lines]
        .reverse()
        .map((line) => JSON.stringify(line))
        .join('\n');
      return { status: 200, headers: { 'content-type': 'application/binary' }, body: `${body}\n` };
    }
    batch.polls += 1;
    if (batch.polls > batch.endsAfterPolls) batch.ended = true;
    return json(200, this.view(batch));
  }

  private create(body: {
    requests?: { custom_id: string; params: Record<string, unknown> }[];
  }): Reply {
    if (!Array.isArray(body?.requests) || body.requests.length === 0) {
      return json(400, {
        type: 'error',
        error: {
          type: 'invalid_request_error',
          message: 'requests: at least one request is required',
        },
      });
    }
    const id = `msgbatch_${randomUUID().replace(/-/g, '')}`;
    const lines = body.requests.map((item) => ({
      custom_id: item.custom_id,
      result: this.answer(item.custom_id, item.params),
    }));
    const batch: FakeBatch = {
      id,
      createdAt: new Date().toISOString(),
      polls: 0,
      endsAfterPolls: this.endsAfterPolls,
      ended: false,
      lines,
    };
    this.batches.set(id, batch);
    this.created.push({ id, requests: body.requests });
    return json(200, this.view(batch));
  }

  private answer(customId: string, params: unknown): Record<string, unknown> {
    const outcome = this.itemOutcome(customId, params);
    if (outcome?.kind === 'expired' || outcome?.kind === 'canceled') return { type: outcome.kind };
    const reply = this.renderMessage(params, outcome);
    const parsed = JSON.parse(reply.body);
    return reply.status === 200
      ? { type: 'succeeded', message: parsed }
      : { type: 'errored', error: parsed };
  }

  private view(batch: FakeBatch): Record<string, unknown> {
    const count = (type: string) =>
      batch.ended ? batch.lines.filter((line) => line.result.type === type).length : 0;
    return {
      id: batch.id,
      type: 'message_batch',
      processing_status: batch.ended ? 'ended' : 'in_progress',
      request_counts: {
        processing: batch.ended ? 0 : batch.lines.length,
        succeeded: count('succeeded'),
        errored: count('errored'),
        canceled: count('canceled'),
        expired: count('expired'),
      },
      created_at: batch.createdAt,
      expires_at: new Date(Date.parse(batch.createdAt) + 86_400_000).toISOString(),
      ended_at: batch.ended ? new Date().toISOString() : null,
      archived_at: null,
      cancel_initiated_at: null,
      results_url: batch.ended ? `${this.baseUrl()}/v1/messages/batches/${batch.id}/results` : null,
    };
  }
}
