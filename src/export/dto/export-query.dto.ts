import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export const EXPORT_FORMATS = ['json', 'markdown'] as const;
export type ExportFileFormat = (typeof EXPORT_FORMATS)[number];

export class ExportQueryDto {
  @ApiPropertyOptional({
    enum: EXPORT_FORMATS,
    default: 'json',
    description: 'json: the versioned document; markdown: a zip of notes (an Obsidian vault)',
  })
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: 'format must be json or markdown' })
  format: ExportFileFormat = 'json';
}
