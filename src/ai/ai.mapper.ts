import type { BackendStatus } from './ai-orchestrator.service.js';
import type { AiBackendStatusDto } from './dto/ai-status-response.dto.js';
import type { AiUsageResponseDto } from './dto/ai-usage-response.dto.js';
import type { UsageRow } from './ledger/ai-ledger.repository.js';

const round6 = (value: number) => Math.round(value * 1_000_000) / 1_000_000;

export function toUsageResponse(days: number, since: Date, rows: UsageRow[]): AiUsageResponseDto {
  const items = rows.map((row) => ({
    date: row.day,
    backend: row.backend,
    requests: row.requests,
    failed_requests: row.failedRequests,
    input_tokens: row.inputTokens,
    output_tokens: row.outputTokens,
    cache_creation_input_tokens: row.cacheCreationInputTokens,
    cache_read_input_tokens: row.cacheReadInputTokens,
    cost_usd: round6(row.costUsd),
    cost_saved_usd: round6(row.costSavedUsd),
    batch_requests: row.batchRequests,
  }));
  const sum = (pick: (item: (typeof items)[number]) => number) =>
    items.reduce((total, item) => total + pick(item), 0);
  return {
    days,
    since: since.toISOString().slice(0, 10),
    items,
    totals: {
      requests: sum((i) => i.requests),
      input_tokens: sum((i) => i.input_tokens),
      output_tokens: sum((i) => i.output_tokens),
      cache_creation_input_tokens: sum((i) => i.cache_creation_input_tokens),
      cache_read_input_tokens: sum((i) => i.cache_read_input_tokens),
      cost_usd: round6(sum((i) => i.cost_usd)),
      cost_saved_usd: round6(sum((i) => i.cost_saved_usd)),
      batch_requests: sum((i) => i.batch_requests),
    },
  };
}

export function toBackendStatus(status: BackendStatus): AiBackendStatusDto {
  return {
    name: status.name,
    configured: status.configured,
    circuit_state: status.circuitState,
    consecutive_failures: status.consecutiveFailures,
    last_error_class: status.lastErrorClass,
    last_error_at: status.lastErrorAt ? status.lastErrorAt.toISOString() : null,
    model: status.model,
  };
}
