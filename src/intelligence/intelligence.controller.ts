import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AiLedgerService } from '../ai/ledger/ai-ledger.service.js';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../common/decorators/current-auth.decorator.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { OperationResponseDto, toOperationResponse } from '../operations/operations.controller.js';
import { ThoughtsService } from '../thoughts/thoughts.service.js';
import { AnalysisHistoryDto, AnalyzeAcceptedDto } from './dto/analysis-history.dto.js';
import { ReanalyzeDto } from './dto/reanalyze.dto.js';
import { ReanalysisService } from './reanalysis.service.js';
import { Readable } from '../common/decorators/key-scopes.decorator.js';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 400 });

@ApiTags('thoughts')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@Controller('thoughts')
export class IntelligenceController {
  constructor(
    private readonly thoughts: ThoughtsService,
    private readonly reanalysis: ReanalysisService,
    private readonly ledger: AiLedgerService,
  ) {}

  @Post('reanalyze')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Re-analyse a filtered set of your thoughts; follow progress at /operations/{id}',
    description:
      'Answers 202 at once with the operation (`selecting: true`, `total: 0`). Up to 10,000 thoughts created before the request are then ' +
      'selected in the background, REANALYSIS_CHUNK_SIZE per transaction, and queued on the bulk analysis queue, which runs behind fresh ' +
      'captures with at most BULK_JOBS_PER_USER of your jobs at once per worker process. `total` grows while `selecting` is true; the ' +
      'operation finishes only after the selection has ended and every queued thought was analysed.',
  })
  @ApiAcceptedResponse({ type: OperationResponseDto })
  async reanalyze(
    @CurrentAuth() auth: AuthContext,
    @Body() body: ReanalyzeDto,
  ): Promise<OperationResponseDto> {
    const operation = await this.reanalysis.start(auth.userId, {
      analysisStatuses: body.analysis_status,
      since: body.since,
      until: body.until,
    });
    return toOperationResponse(operation);
  }

  @Post(':id/analyze')
  @HttpCode(202)
  @ApiOperation({ summary: 'Run the AI analysis again (queued; de-duplicated while one waits)' })
  @ApiAcceptedResponse({ type: AnalyzeAcceptedDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async analyze(
    @CurrentAuth() auth: AuthContext,
    @Param('id', uuid) id: string,
  ): Promise<AnalyzeAcceptedDto> {
    const queued = await this.thoughts.requestAnalysis(auth.userId, id);
    return { thought_id: id, queued, analysis_status: 'pending' };
  }

  @Get(':id/analyses')
  @Readable()
  @ApiOperation({
    summary:
      "This thought's analysis history: backend, model, tokens, cost, latency, outcome, result",
  })
  @ApiOkResponse({ type: AnalysisHistoryDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async analyses(
    @CurrentAuth() auth: AuthContext,
    @Param('id', uuid) id: string,
  ): Promise<AnalysisHistoryDto> {
    await this.thoughts.get(auth.userId, id);
    const rows = await this.ledger.historyForThought(auth.userId, id);
    return {
      items: rows.map((row) => ({
        id: row.id,
        operation: row.operation,
        backend: row.backend,
        model: row.model,
        prompt_version: row.promptVersion,
        input_tokens: row.inputTokens,
        output_tokens: row.outputTokens,
        cache_creation_input_tokens: row.cacheCreationInputTokens,
        cache_read_input_tokens: row.cacheReadInputTokens,
        cost_usd: row.costUsd,
        cost_saved_usd: row.costSavedUsd,
        batch: row.batch,
        latency_ms: row.latencyMs,
        outcome: row.outcome,
        error_class: row.errorClass,
        result: row.result,
        created_at: row.createdAt.toISOString(),
      })),
    };
  }
}
