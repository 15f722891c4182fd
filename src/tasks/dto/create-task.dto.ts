import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { NoNul } from '../../common/validation/no-nul.decorator.js';
import {
  TASK_PRIORITIES,
  TASK_STATUSES,
  type TaskPriority,
  type TaskStatus,
} from '../task.entity.js';
import { IsDateOnly, IsTimeOfDay } from './task-fields.js';

export class CreateTaskDto {
  @ApiProperty({ example: 'Call mom about the tax forms', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NoNul()
  title!: string;

  @ApiPropertyOptional({
    example: 'She has the 2025 forms',
    maxLength: 5000,
    nullable: true,
    type: String,
  })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsString()
  @MaxLength(5000)
  @NoNul()
  description?: string | null;

  @ApiPropertyOptional({ enum: TASK_PRIORITIES, default: 'medium' })
  @IsOptional()
  @IsIn(TASK_PRIORITIES)
  priority?: TaskPriority;

  @ApiPropertyOptional({ enum: TASK_STATUSES, default: 'pending' })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @ApiPropertyOptional({ example: '2026-03-05', nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsDateOnly('due_date')
  due_date?: string | null;

  @ApiPropertyOptional({
    example: '17:00',
    description: 'Needs due_date',
    nullable: true,
    type: String,
  })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsTimeOfDay('due_time')
  due_time?: string | null;

  @ApiPropertyOptional({ format: 'uuid', description: 'The thought this task came from (yours)' })
  @IsOptional()
  @IsUUID('all', { message: 'source_thought_id must be a UUID' })
  source_thought_id?: string;
}
