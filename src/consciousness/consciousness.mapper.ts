import type {
  CheckSuggestionDto,
  ConsciousnessCheckDto,
  PatternDto,
} from './dto/consciousness.dto.js';
import type { ConsciousnessCheck } from './consciousness-check.entity.js';

export function toConsciousnessCheckResponse(check: ConsciousnessCheck): ConsciousnessCheckDto {
  return {
    id: check.id,
    created_at: check.createdAt.toISOString(),
    trigger: check.trigger,
    state: check.state,
    window_start: check.windowStart.toISOString(),
    window_end: check.windowEnd.toISOString(),
    new_thought_count: check.newThoughtCount,
    summary: check.summary,
    patterns: check.patterns as PatternDto[],
    insights: check.insights.map((insight, index) => ({ index, ...insight })),
    suggestions: check.suggestions as CheckSuggestionDto[],
    backend: check.backend,
    model: check.model,
    input_tokens: check.inputTokens,
    output_tokens: check.outputTokens,
    duration_ms: check.durationMs,
    pinned: check.pinned,
  };
}
