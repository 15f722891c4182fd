import type { SuggestionResponseDto } from './dto/suggestion.dto.js';
import type { SuggestionWithTask } from './suggestions.repository.js';

export function toSuggestionResponse({
  suggestion,
  taskId,
}: SuggestionWithTask): SuggestionResponseDto {
  return {
    id: suggestion.id,
    source_thought_id: suggestion.sourceThoughtId,
    title: suggestion.title,
    description: suggestion.description,
    priority: suggestion.priority,
    due_date: suggestion.dueDate,
    due_time: suggestion.dueTime,
    confidence: Math.round(suggestion.confidence * 1000) / 1000,
    evidence: suggestion.evidence,
    status: suggestion.status,
    origin: suggestion.origin,
    backend: suggestion.backend,
    model: suggestion.model,
    task_id: taskId,
    reject_reason: suggestion.rejectReason,
    decided_at: suggestion.decidedAt ? suggestion.decidedAt.toISOString() : null,
    created_at: suggestion.createdAt.toISOString(),
  };
}
