import { ApiProperty } from '@nestjs/swagger';
import { TASK_PRIORITIES, TASK_STATUSES } from '../task.entity.js';

export class TaskResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Call mom about the tax forms' }) title!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ enum: TASK_PRIORITIES }) priority!: string;
  @ApiProperty({ enum: TASK_STATUSES }) status!: string;
  @ApiProperty({ example: '2026-03-05', nullable: true, type: String }) due_date!: string | null;
  @ApiProperty({ example: '17:00', nullable: true, type: String }) due_time!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) source_thought_id!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) source_suggestion_id!:
    string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) completed_at!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}

export class TaskPageDto {
  @ApiProperty({ type: [TaskResponseDto] }) items!: TaskResponseDto[];
  @ApiProperty({ type: String, nullable: true }) next_cursor!: string | null;
}
