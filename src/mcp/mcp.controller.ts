import type { IncomingMessage } from 'node:http';
import {
  Body,
  Controller,
  Delete,
  ForbiddenException,
  Get,
  HttpCode,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  ApiBearerAuth,
  ApiBody,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Request, Response } from 'express';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../common/decorators/current-auth.decorator.js';
import { AllowKeyScopes } from '../common/decorators/key-scopes.decorator.js';
import { errorBody } from '../common/errors/error-body.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import type { EnvironmentVariables } from '../config/env.schema.js';
import { McpServerFactory } from './mcp-server.factory.js';
import { ORIGIN_REFUSED, originAllowed } from './origin-policy.js';
import { callerInfo } from './mcp-tool.js';
import { plainRequest } from './shared-server-transport.js';

/**
 * Model Context Protocol over Streamable HTTP, stateless, JSON responses. Behind the same
 * API-key guard, per-key rate limit, request log and error filter as every REST route; the
 * scope check per tool happens in the server the factory gives this caller's key scope.
 */
@ApiTags('mcp')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
// Narrow keys get in; which tools each one sees is decided per tool.
@AllowKeyScopes('read', 'capture')
@Controller('mcp')
export class McpController {
  private readonly allowedOrigins: string[];

  constructor(
    private readonly factory: McpServerFactory,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.allowedOrigins = config
      .get('CORS_ORIGINS', { infer: true })
      .split(',')
      .map((origin) => origin.trim().replace(/\/+$/, ''))
      .filter(Boolean);
  }

  @Post()
  @ApiOperation({
    summary:
      'MCP (Streamable HTTP, stateless): initialize, tools/list, tools/call, resources/*, prompts/*',
    description:
      'JSON-RPC 2.0 body; send Accept: application/json, text/event-stream. Tools by key scope: read keys see read-only tools, ' +
      'capture keys only capture_thought, user and admin keys all (admin keys act as their own user). See README "Use PAI from an AI assistant".',
  })
  @ApiBody({ schema: { type: 'object', example: { jsonrpc: '2.0', id: 1, method: 'tools/list' } } })
  @ApiOkResponse({ description: 'A JSON-RPC response (202 with no body for a notification)' })
  @ApiForbiddenResponse({
    type: ErrorResponseDto,
    description: 'A browser Origin not named in CORS_ORIGINS',
  })
  async handle(
    @CurrentAuth() auth: AuthContext,
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: unknown,
  ): Promise<void> {
    if (!originAllowed(request.headers.origin, this.allowedOrigins))
      throw new ForbiddenException(ORIGIN_REFUSED);
    const call = { auth, requestId: String(request.id) };
    const plain = plainRequest(request, body);
    if (plain) {
      const shared = await this.factory.sharedTransport(auth.scope);
      const extra = { authInfo: callerInfo(call), requestInfo: { headers: request.headers } };
      return shared.serve(plain, extra, response);
    }
    const server = this.factory.create(call, calledTool(body));
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    // A client gone mid-call aborts the tool. After a finished response there is nothing to
    // stop, and closing would only build a "connection closed" error nobody reads.
    response.on('close', () => {
      if (response.writableFinished) return;
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    // The SDK reads `request.auth` as its own AuthInfo; this server's tools act for `call` instead.
    await transport.handleRequest(request as unknown as IncomingMessage, response, body);
  }

  @Get()
  @HttpCode(405)
  @ApiOperation({
    summary:
      'Not offered: a stateless server has no server-to-client stream (405, as the MCP specification allows)',
  })
  @ApiResponse({ status: 405, type: ErrorResponseDto })
  stream(@Req() request: Request, @Res() response: Response): void {
    this.methodNotAllowed(
      request,
      response,
      'this MCP server is stateless: it offers no event stream (use POST)',
    );
  }

  @Delete()
  @ApiOperation({ summary: 'Not offered: a stateless server has no session to end (405)' })
  @ApiResponse({ status: 405, type: ErrorResponseDto })
  endSession(@Req() request: Request, @Res() response: Response): void {
    this.methodNotAllowed(
      request,
      response,
      'this MCP server is stateless: there is no session to delete',
    );
  }

  private methodNotAllowed(request: Request, response: Response, message: string): void {
    response.status(405).setHeader('Allow', 'POST');
    response.json(errorBody(405, message, String(request.id)));
  }
}

/** The tool a single (non-batch) tools/call names, if the body is one. */
function calledTool(body: unknown): string | undefined {
  const message = body as { method?: unknown; params?: { name?: unknown } } | null;
  return message?.method === 'tools/call' && typeof message.params?.name === 'string'
    ? message.params.name
    : undefined;
}
