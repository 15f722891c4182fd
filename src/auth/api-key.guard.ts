import { type CanActivate, type ExecutionContext, HttpException, HttpStatus, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { IS_PUBLIC } from '../common/decorators/public.decorator.js';
import { ApiKeysService } from './api-keys.service.js';
import { AuthFailureLimiter } from './auth-failure-limiter.js';
import { assertKeyScope } from './key-scope.js';

/** One message for every failure: which of missing/unknown/revoked/expired must not leak. */
export const INVALID_KEY_MESSAGE = 'missing or invalid API key';
const BEARER = /^Bearer ([^\s]+)$/;

/**
 * Global guard: every route needs `Authorization: Bearer <key>` unless marked @Public().
 * Keys anywhere else (query string, other headers) are ignored on purpose: URLs end up in
 * logs and browser history.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
    private readonly failures: AuthFailureLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const presented = BEARER.exec(request.headers.authorization ?? '')?.[1];
    const auth = presented ? await this.apiKeys.verify(presented) : null;
    if (auth) {
      request.auth = auth;
      assertKeyScope(this.reflector, context, auth.scope);
      return true;
    }
    const retryAfter = await this.failures.isBlocked(request.ip ?? 'unknown');
    if (retryAfter > 0) {
      http.getResponse<Response>().setHeader('Retry-After', String(retryAfter));
      throw new HttpException('too many failed authentication attempts', HttpStatus.TOO_MANY_REQUESTS);
    }
    throw new UnauthorizedException(INVALID_KEY_MESSAGE);
  }
}
