import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProperty,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../common/decorators/current-auth.decorator.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import type { Operation } from './operation.entity.js';
import { OperationsService } from './operations.service.js';
import { Readable } from '../common/decorators/key-scopes.decorator.js';

export class OperationResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['reanalyze', 'import'] }) kind!: string;
  @ApiProperty({ enum: ['running', 'completed', 'completed_with_failures', 'failed'] })
  state!: string;
  @ApiProperty({ example: 120 }) total!: number;
  @ApiProperty({ example: 80 }) done!: number;
  @ApiProperty({ example: 2 }) failed!: number;
  @ApiProperty({
    example: false,
    description:
      'True while items are still being selected in the background: total grows until then, and the operation cannot finish before.',
  })
  selecting!: boolean;
  @ApiProperty({ example: { analysis_status: ['pending', 'failed'] } }) parameters!: Record<
    string,
    unknown
  >;
  @ApiProperty({
    nullable: true,
    type: Object,
    description:
      'What it found: for an import, counts per kind (created, already_imported) and per-record problems',
    example: {
      created: { thought: 120 },
      already_imported: { thought: 3 },
      problems: [{ record: 'notes/empty.md', message: 'the note is empty' }],
    },
  })
  result!: Record<string, unknown> | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finished_at!: string | null;
}

export function toOperationResponse(operation: Operation): OperationResponseDto {
  return {
    id: operation.id,
    kind: operation.kind,
    state: operation.state,
    total: operation.total,
    done: operation.done,
    failed: operation.failed,
    selecting: operation.selecting,
    parameters: operation.parameters,
    result: operation.result,
    created_at: operation.createdAt.toISOString(),
    finished_at: operation.finishedAt ? operation.finishedAt.toISOString() : null,
  };
}

@ApiTags('operations')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@Controller('operations')
export class OperationsController {
  constructor(private readonly operations: OperationsService) {}

  @Get(':id')
  @Readable()
  @ApiOkResponse({ type: OperationResponseDto, description: 'Progress of a long-running request' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(
    @CurrentAuth() auth: AuthContext,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 400 })) id: string,
  ): Promise<OperationResponseDto> {
    return toOperationResponse(await this.operations.get(auth.userId, id));
  }
}
