import { ApiProperty } from '@nestjs/swagger';

export class BackupDrillDto {
  @ApiProperty({ enum: ['pending', 'passed', 'failed', 'not_run'] })
  state!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'What the drill found: matching tables, or the first difference.',
  })
  detail!: string | null;

  @ApiProperty({ type: Number, nullable: true })
  duration_ms!: number | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finished_at!: string | null;
}

export class BackupResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['scheduled', 'manual'] })
  trigger!: string;

  @ApiProperty({ enum: ['running', 'done', 'failed'] })
  state!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'pai-backup-20261206T020000Z-1765600000000.pai.gz',
  })
  file_name!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Compressed size in bytes.' })
  size_bytes!: number | null;

  @ApiProperty({ type: String, nullable: true })
  sha256!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The schema migration the snapshot was taken at.',
  })
  migration!: string | null;

  @ApiProperty({ type: Number, nullable: true })
  duration_ms!: number | null;

  @ApiProperty({ type: String, nullable: true })
  error!: string | null;

  @ApiProperty({ type: BackupDrillDto })
  drill!: BackupDrillDto;

  @ApiProperty({ format: 'date-time' })
  started_at!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finished_at!: string | null;
}

export class BackupPageDto {
  @ApiProperty({ type: [BackupResponseDto] })
  items!: BackupResponseDto[];

  @ApiProperty({ type: String, nullable: true })
  next_cursor!: string | null;
}

export class BackupStatusDto {
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Start of the newest backup whose restore drill passed.',
  })
  last_good_at!: string | null;

  @ApiProperty({ type: Number, nullable: true })
  last_good_age_seconds!: number | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Set when the last good backup is over two days old, or the last backup or its drill failed.',
  })
  warning!: string | null;
}
