import { Controller, Get, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../common/decorators/current-auth.decorator.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { EventStreams } from './event-streams.js';
import { Readable } from '../common/decorators/key-scopes.decorator.js';

@ApiTags('events')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@Controller('events')
export class EventStreamController {
  constructor(private readonly streams: EventStreams) {}

  /**
   * Server-Sent Events for the caller. Browsers' EventSource cannot send Authorization, so
   * the dashboard reads this with fetch() and a stream reader; the key never goes in a URL.
   */
  @Get()
  @Readable()
  @ApiOperation({
    summary:
      'Live events: thought.analyzed, suggestion.created, task.created, consciousness_check.completed',
    description:
      "text/event-stream; each event's data is the resource as its own GET returns it. Comment pings every 15 s. " +
      'The stream ends (after an event `stream.closed`) when its key is revoked, rotated past its grace period or expires; ' +
      'a client that stops reading is disconnected. At most EVENT_STREAMS_PER_KEY streams per key.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'An open event stream' })
  @ApiTooManyRequestsResponse({
    type: ErrorResponseDto,
    description: 'The key already holds EVENT_STREAMS_PER_KEY open streams',
  })
  async stream(@CurrentAuth() auth: AuthContext, @Res() response: Response): Promise<void> {
    await this.streams.open(auth, response);
  }
}
