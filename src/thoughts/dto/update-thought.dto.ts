import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import {
  THOUGHT_STATUSES,
  THOUGHT_TYPES,
  type ThoughtStatus,
  type ThoughtType,
} from '../thought.entity.js';

export class UpdateThoughtDto {
  @ApiPropertyOptional({
    example: 'Call mom on Friday about the tax forms',
    description: 'Editing content queues a fresh analysis.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40_000)
  content?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['family'],
    description: 'Replaces your own tags (AI tags are kept apart).',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  tags?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['taxes'],
    description:
      'The AI tags to keep: only removal is allowed (add tags of your own with `tags`). A removed AI tag is feedback: ' +
      're-analysis never puts it back on this thought, and a tag you removed from two or more thoughts is no longer proposed.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  ai_tags?: string[];

  @ApiPropertyOptional({
    enum: THOUGHT_STATUSES,
    example: 'archived',
    description: '"archived" hides it from the default feed.',
  })
  @IsOptional()
  @IsIn(THOUGHT_STATUSES)
  status?: ThoughtStatus;

  @ApiPropertyOptional({ enum: THOUGHT_TYPES, nullable: true, example: 'idea' })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsIn(THOUGHT_TYPES)
  thought_type?: ThoughtType | null;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  is_actionable?: boolean;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  local_only?: boolean;
}
