import { ApiProperty } from '@nestjs/swagger';

export class AnalysisRecordDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'analyze_thought' }) operation!: string;
  @ApiProperty({ example: 'claude' }) backend!: string;
  @ApiProperty({ example: 'claude-sonnet-4-6' }) model!: string;
  @ApiProperty({ example: 'analyze-thought@2' }) prompt_version!: string;
  @ApiProperty({ example: 812 }) input_tokens!: number;
  @ApiProperty({ example: 164 }) output_tokens!: number;
  @ApiProperty({
    example: 3100,
    description: 'Claude prompt caching: prefix tokens written to the cache',
  })
  cache_creation_input_tokens!: number;
  @ApiProperty({
    example: 0,
    description: 'Claude prompt caching: prefix tokens read from the cache',
  })
  cache_read_input_tokens!: number;
  @ApiProperty({ example: 0.004896 }) cost_usd!: number;
  @ApiProperty({
    example: -0.002325,
    description: 'Saved against the uncached single-call price; negative on a cache write',
  })
  cost_saved_usd!: number;
  @ApiProperty({
    example: false,
    description: 'Answered through the Message Batches API (half price)',
  })
  batch!: boolean;
  @ApiProperty({ example: 1840 }) latency_ms!: number;
  @ApiProperty({ enum: ['success', 'error', 'invalid_output', 'skipped'] }) outcome!: string;
  @ApiProperty({ nullable: true, type: String, example: null }) error_class!: string | null;
  @ApiProperty({
    nullable: true,
    type: Object,
    description: 'The validated result (never the raw answer)',
  })
  result!: unknown;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}

export class AnalysisHistoryDto {
  @ApiProperty({ type: [AnalysisRecordDto] }) items!: AnalysisRecordDto[];
}

export class AnalyzeAcceptedDto {
  @ApiProperty({ format: 'uuid' }) thought_id!: string;
  @ApiProperty({ description: 'False when an analysis of this thought was already waiting' })
  queued!: boolean;
  @ApiProperty({ example: 'pending' }) analysis_status!: string;
}
