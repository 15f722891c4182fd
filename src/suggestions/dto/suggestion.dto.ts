import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { NoNul } from '../../common/validation/no-nul.decorator.js';
import { ConvertThoughtDto } from '../../tasks/dto/convert-thought.dto.js';
import { TASK_PRIORITIES } from '../../tasks/task.entity.js';
import {
  SUGGESTION_ORIGINS,
  SUGGESTION_STATUSES,
  type SuggestionStatus,
} from '../task-suggestion.entity.js';

const STATUS_FILTERS = [...SUGGESTION_STATUSES, 'all'] as const;

export class ListSuggestionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STATUS_FILTERS, default: 'pending' })
  @IsOptional()
  @IsIn(STATUS_FILTERS)
  status: SuggestionStatus | 'all' = 'pending';

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'source_thought_id must be a UUID' })
  source_thought_id?: string;
}

/** Optional edits applied to the task made from the suggestion: the same ones as converting a thought. */
export class AcceptSuggestionDto extends ConvertThoughtDto {}

export class RejectSuggestionDto {
  @ApiPropertyOptional({ example: 'Already done', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @NoNul()
  reason?: string;
}

export class SuggestionResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) source_thought_id!: string | null;
  @ApiProperty({ example: 'Call mom about the tax forms' }) title!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ enum: TASK_PRIORITIES }) priority!: string;
  @ApiProperty({ example: '2026-03-05', nullable: true, type: String }) due_date!: string | null;
  @ApiProperty({ example: '17:00', nullable: true, type: String }) due_time!: string | null;
  @ApiProperty({ example: 0.92, minimum: 0, maximum: 1 }) confidence!: number;
  @ApiProperty({
    example: 'call mom tomorrow at 5pm about the tax forms',
    nullable: true,
    type: String,
  })
  evidence!: string | null;
  @ApiProperty({ enum: SUGGESTION_STATUSES }) status!: string;
  @ApiProperty({ enum: SUGGESTION_ORIGINS }) origin!: string;
  @ApiProperty({ example: 'claude', nullable: true, type: String }) backend!: string | null;
  @ApiProperty({ example: 'claude-sonnet-4-6', nullable: true, type: String }) model!:
    string | null;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The task it became, once accepted',
  })
  task_id!: string | null;
  @ApiProperty({ nullable: true, type: String }) reject_reason!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decided_at!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}

export class SuggestionPageDto {
  @ApiProperty({ type: [SuggestionResponseDto] }) items!: SuggestionResponseDto[];
  @ApiProperty({ type: String, nullable: true }) next_cursor!: string | null;
}
