import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';

export class ListChecksQueryDto extends PageQueryDto {}

export class PatternDto {
  @ApiProperty({ enum: ['recurring_theme', 'stalled_project', 'open_loop', 'time_of_day'] })
  kind!: string;
  @ApiProperty({ example: 'Sleep keeps coming up' }) title!: string;
  @ApiProperty({ example: 'You wrote about sleep on 4 different days this week.' })
  description!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) thought_ids!: string[];
  @ApiProperty({ example: 0.8 }) confidence!: number;
}

export class InsightDto {
  @ApiProperty({ example: 0, description: 'Position, used to pin or dismiss it' }) index!: number;
  @ApiProperty({ example: 'Evenings are when you think' }) title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) thought_ids!: string[];
  @ApiProperty() pinned!: boolean;
  @ApiProperty() dismissed!: boolean;
}

export class CheckSuggestionDto {
  @ApiProperty({ example: 'Spend 25 minutes on the garden shed' }) title!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ enum: ['low', 'medium', 'high', 'urgent'] }) priority!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) thought_ids!: string[];
  @ApiProperty({ example: 0.7 }) confidence!: number;
}

export class ConsciousnessCheckDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ enum: ['scheduled', 'manual'] }) trigger!: string;
  @ApiProperty({ enum: ['running', 'done', 'failed'] }) state!: string;
  @ApiProperty({ format: 'date-time' }) window_start!: string;
  @ApiProperty({ format: 'date-time' }) window_end!: string;
  @ApiProperty({ example: 12 }) new_thought_count!: number;
  @ApiProperty({ example: '12 new thoughts; sleep keeps coming up.' }) summary!: string;
  @ApiProperty({ type: [PatternDto] }) patterns!: PatternDto[];
  @ApiProperty({ type: [InsightDto] }) insights!: InsightDto[];
  @ApiProperty({ type: [CheckSuggestionDto] }) suggestions!: CheckSuggestionDto[];
  @ApiProperty({ nullable: true, type: String, example: 'local' }) backend!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'wink-eng-lite-web-model@1.8.1' }) model!:
    string | null;
  @ApiProperty({ example: 0 }) input_tokens!: number;
  @ApiProperty({ example: 0 }) output_tokens!: number;
  @ApiProperty({ example: 48 }) duration_ms!: number;
  @ApiProperty({ description: 'Kept past the 7-day retention because an insight is pinned' })
  pinned!: boolean;
}

export class ConsciousnessCheckPageDto {
  @ApiProperty({ type: [ConsciousnessCheckDto] }) items!: ConsciousnessCheckDto[];
  @ApiProperty({ type: String, nullable: true }) next_cursor!: string | null;
}
