import { Controller, Get, Inject, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../common/decorators/current-auth.decorator.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { AiOrchestrator } from './ai-orchestrator.service.js';
import type { AiOptions } from './ai-options.js';
import { AI_OPTIONS } from './ai.tokens.js';
import { toBackendStatus, toUsageResponse } from './ai.mapper.js';
import { AiStatusResponseDto } from './dto/ai-status-response.dto.js';
import { AiUsageQueryDto } from './dto/ai-usage.query.dto.js';
import { AiUsageResponseDto } from './dto/ai-usage-response.dto.js';
import { AiLedgerService } from './ledger/ai-ledger.service.js';
import { Readable } from '../common/decorators/key-scopes.decorator.js';

@ApiTags('ai')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Missing or invalid API key.' })
@Controller('ai')
export class AiController {
  constructor(
    private readonly ledger: AiLedgerService,
    private readonly orchestrator: AiOrchestrator,
    @Inject(AI_OPTIONS) private readonly options: AiOptions,
  ) {}

  @Get('usage')
  @Readable()
  @ApiOperation({
    summary: "The caller's AI usage per UTC day and backend",
    description:
      'Calls, tokens and estimated cost (USD, from the price table) from the audit ledger, newest day first.',
  })
  @ApiOkResponse({ type: AiUsageResponseDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'days is not an integer from 1 to 30.',
  })
  async usage(
    @CurrentAuth() auth: AuthContext,
    @Query() query: AiUsageQueryDto,
  ): Promise<AiUsageResponseDto> {
    const { since, rows } = await this.ledger.usage(auth.userId, query.days, new Date());
    return toUsageResponse(query.days, since, rows);
  }

  @Get('status')
  @Readable()
  @ApiOperation({
    summary: 'Health of each AI backend (shared by all instances when REDIS_URL is set)',
    description:
      'Whether it is configured, its circuit-breaker state, consecutive failures and the last error class.',
  })
  @ApiOkResponse({ type: AiStatusResponseDto })
  async status(): Promise<AiStatusResponseDto> {
    return {
      mode: this.options.mode,
      backends: (await this.orchestrator.status()).map(toBackendStatus),
    };
  }
}
