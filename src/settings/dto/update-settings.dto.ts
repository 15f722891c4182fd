import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { TimeRangeDto } from '../../common/validation/time-range.dto.js';
import {
  CHECK_INTERVAL_MINUTES,
  TASK_SUGGESTION_MODES,
  type TaskSuggestionMode,
  USER_AI_BACKENDS,
  type UserAiBackend,
} from '../settings.types.js';

/** Absent means "leave as is"; null is not a value for these fields (unlike quiet_hours). */
const Given = () => ValidateIf((_object, value) => value !== undefined);

export const TASK_SETTINGS_COUPLING =
  "task_suggestion_mode 'auto' implies auto_task_creation_enabled true: setting the mode to 'auto' turns it on, " +
  "and setting auto_task_creation_enabled false while the mode is 'auto' moves the mode to 'suggest'. " +
  "Sending task_suggestion_mode 'auto' together with auto_task_creation_enabled false is a 400.";

/** PATCH body: every field optional, at least one required. */
export class UpdateSettingsDto {
  @ApiPropertyOptional({ example: true, description: 'Let the AI add tags to new thoughts.' })
  @Given()
  @IsBoolean()
  auto_tagging_enabled?: boolean;

  @ApiPropertyOptional({
    example: false,
    description: `Create tasks from confident suggestions without asking. ${TASK_SETTINGS_COUPLING}`,
  })
  @Given()
  @IsBoolean()
  auto_task_creation_enabled?: boolean;

  @ApiPropertyOptional({
    enum: TASK_SUGGESTION_MODES,
    example: 'suggest',
    description: `off: no task suggestions; suggest: offer them for review; auto: create tasks at or above the threshold. ${TASK_SETTINGS_COUPLING}`,
  })
  @Given()
  @IsIn(TASK_SUGGESTION_MODES)
  task_suggestion_mode?: TaskSuggestionMode;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 1,
    example: 0.85,
    description: 'Confidence (0..1) a suggestion needs to become a task automatically.',
  })
  @Given()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  auto_task_confidence_threshold?: number;

  @ApiPropertyOptional({
    enum: USER_AI_BACKENDS,
    example: 'auto',
    description: 'auto: Claude, then Ollama, then the local backend.',
  })
  @Given()
  @IsIn(USER_AI_BACKENDS)
  ai_backend?: UserAiBackend;

  @ApiPropertyOptional({
    minimum: CHECK_INTERVAL_MINUTES.min,
    maximum: CHECK_INTERVAL_MINUTES.max,
    example: 60,
  })
  @Given()
  @IsInt()
  @Min(CHECK_INTERVAL_MINUTES.min)
  @Max(CHECK_INTERVAL_MINUTES.max)
  consciousness_check_interval_minutes?: number;

  @ApiPropertyOptional({
    type: TimeRangeDto,
    nullable: true,
    example: { start: '22:00', end: '07:00' },
    description:
      'No checks or notifications in this daily window (may wrap midnight). null clears it.',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TimeRangeDto)
  quiet_hours?: TimeRangeDto | null;
}
