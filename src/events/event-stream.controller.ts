import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../common/decorators/current-auth.decorator.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import type { AppEvent } from './app-events.js';
import { EventPayloads } from './event-payloads.js';
import { EventsService } from './events.service.js';
import { Readable } from '../common/decorators/key-scopes.decorator.js';

const PING_INTERVAL_MS = 15_000;

@ApiTags('events')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@Controller('events')
export class EventStreamController {
  constructor(
    private readonly events: EventsService,
    private readonly payloads: EventPayloads,
  ) {}

  /**
   * Server-Sent Events for the caller. Browsers' EventSource cannot send Authorization, so
   * the dashboard reads this with fetch() and a stream reader; the key never goes in a URL.
   */
  @Get()
  @Readable()
  @ApiOperation({
    summary: 'Live events: thought.analyzed, suggestion.created, task.created, consciousness_check.completed',
    description: 'text/event-stream; each event\'s data is the resource as its own GET returns it. Comment pings every 15 s.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'An open event stream' })
  stream(@CurrentAuth() auth: AuthContext, @Req() request: Request, @Res() response: Response): void {
    response.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // Reverse proxies (nginx) must not buffer the stream.
      'X-Accel-Buffering': 'no',
    });
    response.flushHeaders();
    response.write('retry: 5000\n: connected\n\n');
    const deliver = async (event: AppEvent) => {
      const data = await this.payloads.load(auth.userId, event);
      if (data !== null && !response.writableEnded) {
        response.write(`event: ${event.type}\nid: ${event.id}\ndata: ${JSON.stringify(data)}\n\n`);
      }
    };
    const unsubscribe = this.events.subscribe(auth.userId, (event) => void deliver(event).catch(() => undefined));
    const ping = setInterval(() => response.write(': ping\n\n'), PING_INTERVAL_MS);
    request.on('close', () => {
      clearInterval(ping);
      unsubscribe();
      response.end();
    });
  }
}
