import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ANALYSIS_STATUSES,
  THOUGHT_SOURCES,
  THOUGHT_STATUSES,
  THOUGHT_TYPES,
} from '../thought.entity.js';

export class ThoughtResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Call mom tomorrow at 5pm about the tax forms' }) content!: string;
  @ApiProperty({ type: [String], example: ['family'], description: 'Your own tags' })
  tags!: string[];
  @ApiProperty({
    type: [String],
    example: ['taxes', 'phone-call'],
    description: 'Tags from AI analysis',
  })
  ai_tags!: string[];
  @ApiProperty({ enum: THOUGHT_TYPES, nullable: true, type: String }) thought_type!: string | null;
  @ApiProperty({ enum: THOUGHT_STATUSES }) status!: string;
  @ApiProperty() is_actionable!: boolean;
  @ApiProperty() local_only!: boolean;
  @ApiProperty({ enum: THOUGHT_SOURCES }) source!: string;
  @ApiProperty({ enum: ANALYSIS_STATUSES }) analysis_status!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) analyzed_at!: string | null;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description:
      'A near-identical thought you captured in the day before this one (kept, only flagged). Set by the analysis: ' +
      'null in the capture response, filled in when analysis_status leaves "pending".',
  })
  duplicate_of_id!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}

export class SearchMatchDto {
  @ApiProperty({
    enum: ['full_text', 'trigram', 'substring'],
    description:
      'full_text: the words of the query (word forms count: "call" matches "calling"); trigram: a query word the vocabulary ' +
      'does not know, read as your words spelled like it (typos, and CJK words inside longer runs); substring: the literal text, ' +
      'for queries with no searchable word',
  })
  arm!: string;
  @ApiProperty({
    type: [String],
    example: ['insomnia'],
    description: 'The words of the thought this arm matched',
  })
  terms!: string[];
}

export class SearchHitDto {
  @ApiProperty({
    example: 0.0325,
    description:
      'Reciprocal-rank fusion of the arms: the sum over arms of 1 / (60 + rank in that arm); higher is better',
  })
  rank!: number;
  @ApiProperty({
    example: 'Call mom tomorrow about the <mark>tax</mark> forms',
    description: 'HTML-escaped text; matches wrapped in <mark>. Safe to insert as HTML.',
  })
  snippet!: string;
  @ApiProperty({
    type: [SearchMatchDto],
    description: 'Why it matched: each arm that found it, with the words it matched',
  })
  matched!: SearchMatchDto[];
}

export class ThoughtListItemDto extends ThoughtResponseDto {
  @ApiPropertyOptional({ type: SearchHitDto, description: 'Only when searching with q' })
  search?: SearchHitDto;
}

export class ThoughtPageDto {
  @ApiProperty({ type: [ThoughtListItemDto] }) items!: ThoughtListItemDto[];
  @ApiProperty({ type: String, nullable: true }) next_cursor!: string | null;
}

export class RelatedThoughtDto {
  @ApiProperty({ type: ThoughtResponseDto }) thought!: ThoughtResponseDto;
  @ApiProperty({
    example: 0.42,
    description:
      '0..1: reciprocal-rank fusion of four arms (shared tags, term vectors, full text, trigram text similarity), ' +
      'scaled so 1 is first in every arm',
  })
  score!: number;
  @ApiProperty({ type: [String], example: ['family'] }) shared_tags!: string[];
  @ApiProperty({
    type: [String],
    example: [
      'shared tags: sleep',
      'similar words: insomnia, night',
      'full-text match',
      'similar text (41% trigram similarity)',
    ],
    description:
      'Why it is related, one phrase per arm that ranked it. "similar words" are the shared word stems that weigh most in ' +
      'your own thoughts (BM25 over your corpus)',
  })
  reasons!: string[];
}

export class RelatedThoughtsDto {
  @ApiProperty({ type: [RelatedThoughtDto] }) items!: RelatedThoughtDto[];
}

export class TagCountDto {
  @ApiProperty({ example: 'family' }) tag!: string;
  @ApiProperty({ example: 12, description: 'Thoughts carrying it (own or AI tag)' }) count!: number;
}

export class TagListDto {
  @ApiProperty({ type: [TagCountDto] }) items!: TagCountDto[];
}
