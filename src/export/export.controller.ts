import { Controller, Get, Logger, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../common/decorators/current-auth.decorator.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { BackpressureSink, ClientGoneError } from './backpressure-sink.js';
import { ExportDocumentDto } from './dto/export-document.dto.js';
import { ExportQueryDto } from './dto/export-query.dto.js';
import { ExportService } from './export.service.js';
import { writeJsonExport } from './json-export.writer.js';
import { writeMarkdownExport } from './markdown-export.writer.js';

@ApiTags('export')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@ApiExtraModels(ExportDocumentDto)
@Controller('export')
export class ExportController {
  private readonly logger = new Logger(ExportController.name);

  constructor(private readonly exports: ExportService) {}

  @Get()
  @ApiOperation({
    summary:
      'Everything of yours, streamed: thoughts, tasks, suggestions, consciousness checks, profile and settings',
    description:
      'format=json: one versioned document (format_version; JSON Schema in docs/export.schema.json), importable with ' +
      'POST /import?source=pai. format=markdown: a zip with one note per thought (YAML front matter) and tasks.md, ' +
      'which opens as an Obsidian vault.',
  })
  @ApiProduces('application/json', 'application/zip')
  @ApiOkResponse({
    description: 'The export, as an attachment',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ExportDocumentDto) } },
      'application/zip': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  async export(
    @CurrentAuth() auth: AuthContext,
    @Query() query: ExportQueryDto,
    @Res() response: Response,
  ): Promise<void> {
    const day = new Date().toISOString().slice(0, 10);
    const json = query.format === 'json';
    response.status(200).set({
      'Content-Type': json ? 'application/json; charset=utf-8' : 'application/zip',
      'Content-Disposition': `attachment; filename="pai-export-${day}.${json ? 'json' : 'zip'}"`,
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
    });
    const sink = new BackpressureSink(response);
    try {
      if (json) await writeJsonExport(this.exports, auth.userId, sink);
      else await writeMarkdownExport(this.exports, auth.userId, sink);
      response.end();
    } catch (error) {
      if (error instanceof ClientGoneError) return;
      // Part of the file is already on its way: a cut connection is the only honest signal left.
      this.logger.error(
        { user_id: auth.userId, err: (error as Error).message },
        'export failed mid-stream',
      );
      response.destroy(error as Error);
    }
  }
}
