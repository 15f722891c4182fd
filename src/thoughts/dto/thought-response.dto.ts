import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ANALYSIS_STATUSES, THOUGHT_SOURCES, THOUGHT_STATUSES, THOUGHT_TYPES } from '../thought.entity.js';

export class ThoughtResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Call mom tomorrow at 5pm about the tax forms' }) content!: string;
  @ApiProperty({ type: [String], example: ['family'], description: 'Your own tags' }) tags!: string[];
  @ApiProperty({ type: [String], example: ['taxes', 'phone-call'], description: 'Tags from AI analysis' }) ai_tags!: string[];
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

export class SearchHitDto {
  @ApiProperty({ example: 0.0759 }) rank!: number;
  @ApiProperty({
    example: 'Call mom tomorrow about the <mark>tax</mark> forms',
    description: 'HTML-escaped text; matches wrapped in <mark>. Safe to insert as HTML.',
  })
  snippet!: string;
}

export class ThoughtListItemDto extends ThoughtResponseDto {
  @ApiPropertyOptional({ type: SearchHitDto, description: 'Only when searching with q' }) search?: SearchHitDto;
}

export class ThoughtPageDto {
  @ApiProperty({ type: [ThoughtListItemDto] }) items!: ThoughtListItemDto[];
  @ApiProperty({ type: String, nullable: true }) next_cursor!: string | null;
}

export class RelatedThoughtDto {
  @ApiProperty({ type: ThoughtResponseDto }) thought!: ThoughtResponseDto;
  @ApiProperty({ example: 0.42, description: '0..1: shared tags, shared words and text similarity combined' }) score!: number;
  @ApiProperty({ type: [String], example: ['family'] }) shared_tags!: string[];
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
