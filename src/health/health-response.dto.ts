import { ApiProperty } from '@nestjs/swagger';

export class HealthResponseDto {
  @ApiProperty({ enum: ['healthy', 'unhealthy'], example: 'healthy' })
  status!: 'healthy' | 'unhealthy';

  @ApiProperty({ example: '0.1.0' })
  version!: string;

  @ApiProperty({ enum: ['connected', 'disconnected'], example: 'connected' })
  database!: 'connected' | 'disconnected';

  @ApiProperty({ example: 3600 })
  uptime_seconds!: number;

  @ApiProperty({ example: '2026-01-04T12:00:00.000Z' })
  timestamp!: string;
}
