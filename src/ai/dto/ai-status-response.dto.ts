import { ApiProperty } from '@nestjs/swagger';

export class AiBackendStatusDto {
  @ApiProperty({ enum: ['claude', 'ollama', 'local', 'mock'], example: 'claude' }) name!: string;
  @ApiProperty({
    example: true,
    description: 'Configured well enough to try (e.g. an API key is set)',
  })
  configured!: boolean;
  @ApiProperty({
    enum: ['closed', 'open', 'half_open'],
    example: 'closed',
    description: 'open: skipped until the cool-down ends; half_open: the next call is a probe',
  })
  circuit_state!: string;
  @ApiProperty({ example: 0 }) consecutive_failures!: number;
  @ApiProperty({ type: String, nullable: true, example: 'overloaded' }) last_error_class!:
    string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  last_error_at!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'claude-sonnet-4-6' }) model!:
    string | null;
}

export class AiStatusResponseDto {
  @ApiProperty({
    enum: ['auto', 'claude', 'ollama', 'local', 'mock'],
    example: 'auto',
    description: 'AI_BACKEND',
  })
  mode!: string;
  @ApiProperty({ type: [AiBackendStatusDto], description: 'State of this server process' })
  backends!: AiBackendStatusDto[];
}
