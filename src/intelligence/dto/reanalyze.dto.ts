import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDate, IsIn, IsOptional } from 'class-validator';
import { ANALYSIS_STATUSES, type AnalysisStatus } from '../../thoughts/thought.entity.js';

export class ReanalyzeDto {
  @ApiPropertyOptional({ enum: ANALYSIS_STATUSES, isArray: true, example: ['pending', 'failed'], description: 'Only thoughts in these states' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @IsIn(ANALYSIS_STATUSES, { each: true })
  analysis_status?: AnalysisStatus[];

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Captured at or after' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'since must be an ISO-8601 date-time' })
  since?: Date;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Captured before' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'until must be an ISO-8601 date-time' })
  until?: Date;
}
