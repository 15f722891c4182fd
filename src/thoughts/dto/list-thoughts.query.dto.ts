import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsIsoDateTime } from '../../common/validation/date-time.js';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { NoNul } from '../../common/validation/no-nul.decorator.js';
import { THOUGHT_STATUSES, THOUGHT_TYPES, type ThoughtType } from '../thought.entity.js';

const STATUS_FILTERS = [...THOUGHT_STATUSES, 'all'] as const;
export type ThoughtStatusFilter = (typeof STATUS_FILTERS)[number];

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListThoughtsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'family', description: 'Your own tags or AI tags' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  @NoNul()
  tag?: string;

  @ApiPropertyOptional({ enum: STATUS_FILTERS, default: 'active' })
  @IsOptional()
  @IsIn(STATUS_FILTERS)
  status: ThoughtStatusFilter = 'active';

  @ApiPropertyOptional({ enum: THOUGHT_TYPES })
  @IsOptional()
  @IsIn(THOUGHT_TYPES)
  thought_type?: ThoughtType;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'is_actionable must be true or false' })
  is_actionable?: boolean;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Captured at or after' })
  @IsOptional()
  @IsIsoDateTime()
  since?: Date;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Captured before' })
  @IsOptional()
  @IsIsoDateTime()
  until?: Date;

  @ApiPropertyOptional({
    example: 'tax -mom "call the bank"',
    description:
      'Full-text search (web-search syntax: quotes, -word, OR). The newest 500 matches are ranked, each with a highlighted ' +
      'snippet; narrow older ones with until or more words.',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  @NoNul()
  q?: string;
}
