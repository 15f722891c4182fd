import { ApiProperty } from '@nestjs/swagger';

const BACKENDS = ['claude', 'ollama', 'local', 'mock'];

export class AiUsageDayDto {
  @ApiProperty({ example: '2026-01-04', description: 'UTC day' }) date!: string;
  @ApiProperty({ enum: BACKENDS, example: 'claude' }) backend!: string;
  @ApiProperty({ example: 12, description: 'Calls made (retries count; skipped backends do not)' })
  requests!: number;
  @ApiProperty({ example: 1, description: 'Calls that failed or whose answer was rejected' })
  failed_requests!: number;
  @ApiProperty({ example: 5400 }) input_tokens!: number;
  @ApiProperty({ example: 900 }) output_tokens!: number;
  @ApiProperty({
    example: 12000,
    description:
      'Claude prompt caching: prefix tokens written to the cache (priced at 1.25x input)',
  })
  cache_creation_input_tokens!: number;
  @ApiProperty({
    example: 48000,
    description: 'Claude prompt caching: prefix tokens read from the cache (priced at 0.1x input)',
  })
  cache_read_input_tokens!: number;
  @ApiProperty({ example: 0.0297, description: 'Estimated from the price table, USD' })
  cost_usd!: number;
  @ApiProperty({
    example: 0.1266,
    description: 'Saved by prompt caching and Message Batches against uncached single calls, USD',
  })
  cost_saved_usd!: number;
  @ApiProperty({
    example: 0,
    description: 'Calls answered through the Message Batches API (half price)',
  })
  batch_requests!: number;
}

export class AiUsageTotalsDto {
  @ApiProperty({ example: 12 }) requests!: number;
  @ApiProperty({ example: 5400 }) input_tokens!: number;
  @ApiProperty({ example: 900 }) output_tokens!: number;
  @ApiProperty({ example: 12000 }) cache_creation_input_tokens!: number;
  @ApiProperty({ example: 48000 }) cache_read_input_tokens!: number;
  @ApiProperty({ example: 0.0297 }) cost_usd!: number;
  @ApiProperty({ example: 0.1266 }) cost_saved_usd!: number;
  @ApiProperty({ example: 0 }) batch_requests!: number;
}

export class AiUsageResponseDto {
  @ApiProperty({ example: 30 }) days!: number;
  @ApiProperty({ example: '2025-12-06', description: 'First UTC day counted' }) since!: string;
  @ApiProperty({ type: [AiUsageDayDto], description: 'Newest day first, then by backend' })
  items!: AiUsageDayDto[];
  @ApiProperty({ type: AiUsageTotalsDto }) totals!: AiUsageTotalsDto;
}
