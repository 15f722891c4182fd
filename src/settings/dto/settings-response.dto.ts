import { ApiProperty } from '@nestjs/swagger';
import { TimeRangeDto } from '../../common/validation/time-range.dto.js';
import {
  CHECK_INTERVAL_MINUTES,
  TASK_SUGGESTION_MODES,
  USER_AI_BACKENDS,
} from '../settings.types.js';
import { TASK_SETTINGS_COUPLING } from './update-settings.dto.js';

export class SettingsResponseDto {
  @ApiProperty({ example: true, default: true })
  auto_tagging_enabled!: boolean;

  @ApiProperty({ example: false, default: false, description: TASK_SETTINGS_COUPLING })
  auto_task_creation_enabled!: boolean;

  @ApiProperty({ enum: TASK_SUGGESTION_MODES, example: 'suggest', default: 'suggest' })
  task_suggestion_mode!: string;

  @ApiProperty({ minimum: 0, maximum: 1, example: 0.85, default: 0.85 })
  auto_task_confidence_threshold!: number;

  @ApiProperty({ enum: USER_AI_BACKENDS, example: 'auto', default: 'auto' })
  ai_backend!: string;

  @ApiProperty({
    minimum: CHECK_INTERVAL_MINUTES.min,
    maximum: CHECK_INTERVAL_MINUTES.max,
    example: 60,
    default: 60,
  })
  consciousness_check_interval_minutes!: number;

  @ApiProperty({ type: TimeRangeDto, nullable: true, example: { start: '22:00', end: '07:00' } })
  quiet_hours!: TimeRangeDto | null;

  @ApiProperty({ format: 'date-time', example: '2026-01-04T12:00:00.000Z' })
  created_at!: string;

  @ApiProperty({ format: 'date-time', example: '2026-01-04T12:00:00.000Z' })
  updated_at!: string;
}
