import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional } from 'class-validator';
import { IsIsoDateTime } from '../../common/validation/date-time.js';
import { ANALYSIS_STATUSES, type AnalysisStatus } from '../../thoughts/thought.entity.js';

export class ReanalyzeDto {
  @ApiPropertyOptional({
    enum: ANALYSIS_STATUSES,
    isArray: true,
    example: ['pending', 'failed'],
    description: 'Only thoughts in these states',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @IsIn(ANALYSIS_STATUSES, { each: true })
  analysis_status?: AnalysisStatus[];

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Captured at or after' })
  @IsOptional()
  @IsIsoDateTime()
  since?: Date;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Captured before' })
  @IsOptional()
  @IsIsoDateTime()
  until?: Date;
}
