import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class AiUsageQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 30,
    default: 30,
    description: 'UTC days back, today included (the ledger keeps 30 days)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(30)
  days: number = 30;
}
