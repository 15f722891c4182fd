import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { NoNul } from '../../common/validation/no-nul.decorator.js';
import { TASK_PRIORITIES, type TaskPriority } from '../task.entity.js';
import { IsDateOnly, IsTimeOfDay } from './task-fields.js';

/** Everything optional: by default the task takes its title from the thought. */
export class ConvertThoughtDto {
  @ApiPropertyOptional({ example: 'Call mom about the tax forms', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NoNul()
  title?: string;

  @ApiPropertyOptional({ enum: TASK_PRIORITIES })
  @IsOptional()
  @IsIn(TASK_PRIORITIES)
  priority?: TaskPriority;

  @ApiPropertyOptional({ example: '2026-03-05', nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsDateOnly('due_date')
  due_date?: string | null;

  @ApiPropertyOptional({ example: '17:00', nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsTimeOfDay('due_time')
  due_time?: string | null;
}
