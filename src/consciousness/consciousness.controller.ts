import {
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../common/decorators/current-auth.decorator.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { toConsciousnessCheckResponse } from './consciousness.mapper.js';
import { ConsciousnessService } from './consciousness.service.js';
import {
  ConsciousnessCheckDto,
  ConsciousnessCheckPageDto,
  ListChecksQueryDto,
} from './dto/consciousness.dto.js';
import { Readable } from '../common/decorators/key-scopes.decorator.js';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 400 });
const INSIGHT_ACTIONS = ['pin', 'unpin', 'dismiss', 'restore'] as const;

@ApiTags('consciousness')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@Controller()
export class ConsciousnessController {
  constructor(private readonly consciousness: ConsciousnessService) {}

  @Post('consciousness-check')
  @ApiOperation({
    summary: 'Run a consciousness check now over your thoughts since the last one',
    description:
      'Single-flight per user: a request made while your previous on-demand check is still running does not start another; ' +
      'it waits for the running check and answers with that same check (same id).',
  })
  @ApiCreatedResponse({ type: ConsciousnessCheckDto })
  async runNow(@CurrentAuth() auth: AuthContext): Promise<ConsciousnessCheckDto> {
    return toConsciousnessCheckResponse(await this.consciousness.runOnDemand(auth.userId));
  }

  @Get('consciousness-checks')
  @Readable()
  @ApiOperation({ summary: 'Past checks, newest first' })
  @ApiOkResponse({ type: ConsciousnessCheckPageDto })
  async list(
    @CurrentAuth() auth: AuthContext,
    @Query() query: ListChecksQueryDto,
  ): Promise<ConsciousnessCheckPageDto> {
    const page = await this.consciousness.list(auth.userId, query.limit, query.cursor);
    return { items: page.items.map(toConsciousnessCheckResponse), next_cursor: page.next_cursor };
  }

  @Get('consciousness-checks/:id')
  @Readable()
  @ApiOkResponse({ type: ConsciousnessCheckDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(
    @CurrentAuth() auth: AuthContext,
    @Param('id', uuid) id: string,
  ): Promise<ConsciousnessCheckDto> {
    return toConsciousnessCheckResponse(await this.consciousness.get(auth.userId, id));
  }

  @Post('consciousness-checks/:id/insights/:index/:action')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Pin (keep past retention), unpin, dismiss (not raised again for 14 days) or restore an insight',
  })
  @ApiParam({ name: 'action', enum: INSIGHT_ACTIONS })
  @ApiOkResponse({ type: ConsciousnessCheckDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async markInsight(
    @CurrentAuth() auth: AuthContext,
    @Param('id', uuid) id: string,
    @Param('index', new ParseIntPipe({ errorHttpStatusCode: 400 })) index: number,
    @Param('action') action: string,
  ): Promise<ConsciousnessCheckDto> {
    if (!INSIGHT_ACTIONS.includes(action as (typeof INSIGHT_ACTIONS)[number])) {
      throw new NotFoundException('unknown insight action');
    }
    const check = await this.consciousness.markInsight(
      auth.userId,
      id,
      index,
      action as (typeof INSIGHT_ACTIONS)[number],
    );
    return toConsciousnessCheckResponse(check);
  }
}
