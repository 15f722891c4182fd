import { Controller, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../common/decorators/current-auth.decorator.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import type { EnvironmentVariables } from '../config/env.schema.js';
import { OperationResponseDto, toOperationResponse } from '../operations/operations.controller.js';
import { ImportQueryDto } from './dto/import-query.dto.js';
import { ImportService } from './import.service.js';
import { spoolUpload } from './upload-spool.js';

@ApiTags('import')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@Controller('import')
export class ImportController {
  constructor(
    private readonly imports: ImportService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Import thoughts from a file, as a tracked operation (follow it at /operations/{id})',
    description:
      'The file is the multipart field "file" or the raw body, up to IMPORT_MAX_BYTES. Original dates are kept; importing the same ' +
      "file again creates nothing new; a bad record is listed in the operation's result, never fatal. Imported thoughts are " +
      'analysed as bulk work behind fresh captures and never create tasks by themselves.',
  })
  @ApiConsumes(
    'multipart/form-data',
    'application/json',
    'application/zip',
    'application/octet-stream',
  )
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiAcceptedResponse({ type: OperationResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiPayloadTooLargeResponse({ type: ErrorResponseDto })
  async import(
    @CurrentAuth() auth: AuthContext,
    @Query() query: ImportQueryDto,
    @Req() request: Request,
  ): Promise<OperationResponseDto> {
    const upload = await spoolUpload(request, this.config.get('IMPORT_MAX_BYTES', { infer: true }));
    return toOperationResponse(
      await this.imports.start(auth.userId, query.source, query.dry_run, upload),
    );
  }
}
