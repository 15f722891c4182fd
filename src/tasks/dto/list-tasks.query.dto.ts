import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import {
  TASK_PRIORITIES,
  TASK_STATUSES,
  type TaskPriority,
  type TaskStatus,
} from '../task.entity.js';
import { IsDateOnly } from './task-fields.js';

export const TASK_SORTS = ['created', 'due_date', 'priority'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((part) => part.trim()) : value;

export class ListTasksQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'One or more, comma-separated',
    example: 'pending,in_progress',
    enum: TASK_STATUSES,
    isArray: true,
  })
  @IsOptional()
  @Transform(toList)
  @IsIn(TASK_STATUSES, { each: true })
  status?: TaskStatus[];

  @ApiPropertyOptional({
    description: 'One or more, comma-separated',
    enum: TASK_PRIORITIES,
    isArray: true,
  })
  @IsOptional()
  @Transform(toList)
  @IsIn(TASK_PRIORITIES, { each: true })
  priority?: TaskPriority[];

  @ApiPropertyOptional({ example: '2026-03-10', description: 'Due on or before this day' })
  @IsOptional()
  @IsDateOnly('due_before')
  due_before?: string;

  @ApiPropertyOptional({ example: '2026-03-01', description: 'Due on or after this day' })
  @IsOptional()
  @IsDateOnly('due_after')
  due_after?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'Open tasks due before today (in your profile time zone)',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'source_thought_id must be a UUID' })
  source_thought_id?: string;

  @ApiPropertyOptional({
    enum: TASK_SORTS,
    default: 'created',
    description:
      'created: newest first; due_date: soonest first, undated last; priority: urgent first',
  })
  @IsOptional()
  @IsIn(TASK_SORTS)
  sort: TaskSort = 'created';
}
