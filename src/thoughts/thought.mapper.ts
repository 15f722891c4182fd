import type { ThoughtListItemDto, ThoughtResponseDto } from './dto/thought-response.dto.js';
import type { Thought } from './thought.entity.js';
import type { SearchResult } from './search/thought-search.repository.js';
import { isoTime } from '../common/time/iso-time.js';

export function toThoughtResponse(thought: Thought): ThoughtResponseDto {
  return {
    id: thought.id,
    content: thought.content,
    tags: thought.tags,
    ai_tags: thought.aiTags,
    thought_type: thought.thoughtType,
    status: thought.status,
    is_actionable: thought.isActionable,
    local_only: thought.localOnly,
    source: thought.source,
    analysis_status: thought.analysisStatus,
    analyzed_at: thought.analyzedAt ? isoTime(thought.analyzedAt) : null,
    duplicate_of_id: thought.duplicateOfId ?? null,
    created_at: isoTime(thought.createdAt),
    updated_at: isoTime(thought.updatedAt),
  };
}

export function toThoughtListItem(row: Thought | SearchResult): ThoughtListItemDto {
  const item: ThoughtListItemDto = toThoughtResponse('thought' in row ? row.thought : row);
  if ('thought' in row)
    item.search = { rank: row.rank, snippet: row.snippet, matched: row.matched };
  return item;
}
