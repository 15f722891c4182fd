import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class RotateApiKeyDto {
  @ApiPropertyOptional({
    description: 'How long the old key keeps working, so clients can switch over (max 7 days).',
    minimum: 0,
    maximum: 604800,
    default: 0,
    example: 3600,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(604_800)
  grace_period_seconds: number = 0;
}
