import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import {
  THOUGHT_SOURCES,
  THOUGHT_TYPES,
  type ThoughtSource,
  type ThoughtType,
} from '../thought.entity.js';

/**
 * A capture. Also accepted as `text/plain` (the body is the content) and as a form
 * (`content=...&tags=a,b`), so an iOS Shortcut can post without building JSON.
 */
export class CreateThoughtDto {
  @ApiProperty({
    example: 'Call mom tomorrow at 5pm about the tax forms #family',
    description: '1 to 10,000 characters after trimming; stored exactly as written otherwise.',
  })
  @IsString()
  // Generous raw bound before trimming and counting code points (see normalizeContent).
  @MaxLength(40_000)
  content!: string;

  @ApiPropertyOptional({
    example: ['family', 'admin'],
    description:
      'Trimmed, lower-cased, "#" stripped, de-duplicated; at most 20 of at most 50 characters.',
    type: [String],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ enum: THOUGHT_TYPES, example: 'task' })
  @IsOptional()
  @IsIn(THOUGHT_TYPES)
  thought_type?: ThoughtType;

  @ApiPropertyOptional({
    default: false,
    description: 'Never send this thought to a cloud AI backend.',
  })
  @IsOptional()
  @IsBoolean()
  local_only?: boolean;

  @ApiPropertyOptional({
    enum: THOUGHT_SOURCES,
    description:
      'Where it was captured. Defaults to "api" for JSON and "shortcut" for text and form bodies.',
  })
  @IsOptional()
  @IsIn(THOUGHT_SOURCES)
  source?: ThoughtSource;
}
