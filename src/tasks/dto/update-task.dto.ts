import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { NoNul } from '../../common/validation/no-nul.decorator.js';
import {
  TASK_PRIORITIES,
  TASK_STATUSES,
  type TaskPriority,
  type TaskStatus,
} from '../task.entity.js';
import { IsDateOnly, IsTimeOfDay } from './task-fields.js';

export class UpdateTaskDto {
  @ApiPropertyOptional({ example: 'Call mom on Friday', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NoNul()
  title?: string;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 5000 })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsString()
  @MaxLength(5000)
  @NoNul()
  description?: string | null;

  @ApiPropertyOptional({ enum: TASK_PRIORITIES })
  @IsOptional()
  @IsIn(TASK_PRIORITIES)
  priority?: TaskPriority;

  @ApiPropertyOptional({
    enum: TASK_STATUSES,
    description:
      '"done" sets completed_at; re-opening clears it. Nonsensical changes (cancelled → done) are 409.',
  })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @ApiPropertyOptional({
    example: '2026-03-06',
    nullable: true,
    type: String,
    description: 'null clears it (and due_time)',
  })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsDateOnly('due_date')
  due_date?: string | null;

  @ApiPropertyOptional({ example: '09:30', nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsTimeOfDay('due_time')
  due_time?: string | null;
}
