import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { IMPORT_SOURCES, type ImportSource } from '../source-record.js';

export class ImportQueryDto {
  @ApiProperty({
    enum: IMPORT_SOURCES,
    description:
      'pai: our JSON export; markdown: a zip of Markdown notes (Obsidian); memos: its API memo list (JSON) or its Markdown zip export; ' +
      'karakeep: its JSON export',
  })
  @IsIn(IMPORT_SOURCES, { message: `source must be one of ${IMPORT_SOURCES.join(', ')}` })
  source!: ImportSource;

  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description: 'Read and check everything, report counts and problems, write nothing',
  })
  @IsOptional()
  @Transform(({ value }) =>
    value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value,
  )
  @IsBoolean({ message: 'dry_run must be true or false' })
  dry_run = false;
}
