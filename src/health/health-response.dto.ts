import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ReadReplicaHealthDto {
  @ApiProperty({
    example: 'replica-1',
    description: 'The replica by its place in DATABASE_READ_URLS.',
  })
  name!: string;

  @ApiProperty({
    enum: ['in_use', 'down', 'lagging', 'not_standby', 'unprobed'],
    example: 'in_use',
    description: 'in_use: takes reads; otherwise skipped (the primary serves its reads).',
  })
  state!: 'in_use' | 'down' | 'lagging' | 'not_standby' | 'unprobed';

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 12,
    description: 'Behind the primary at the last probe (every second); null while unknown.',
  })
  lag_ms!: number | null;
}

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

  @ApiPropertyOptional({
    type: [ReadReplicaHealthDto],
    description:
      'Only with DATABASE_READ_URLS set. A skipped replica does not make the server unhealthy.',
  })
  read_replicas?: ReadReplicaHealthDto[];
}
