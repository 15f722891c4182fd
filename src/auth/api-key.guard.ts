import {
  type CanActivate,
  type ExecutionContext,
  HttpException,
  HttpStatus,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { IS_PUBLIC } from '../common/decorators/public.decorator.js';
import { AuthFailureLimiter } from './auth-failure-limiter.js';
import { assertKeyScope } from './key-scope.js';
import { RequestAuthenticator } from './request-authenticator.js';

/** One message for every failure: which of missing/unknown/revoked/expired must not leak. */
export const INVALID_KEY_MESSAGE = 'missing or invalid API key';
export const BLOCKED_MESSAGE = 'too many failed authentication attempts';

/**
 * Global guard: every route needs `Authorization: Bearer <key>` unless marked @Public().
 * An address blocked for failed attempts is refused before its key is looked at.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: RequestAuthenticator,
    private readonly failures: AuthFailureLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    // Already authenticated by the gate in front of body parsing: it checked the block first.
    // (Express works request.ip out anew on each read: only requests that need it pay.)
    if (request.auth) {
      assertKeyScope(this.reflector, context, request.auth.scope);
      return true;
    }
    const ip = request.ip ?? 'unknown';
    const refuse = (retryAfter: number) => {
      http.getResponse<Response>().setHeader('Retry-After', String(retryAfter));
      return new HttpException(BLOCKED_MESSAGE, HttpStatus.TOO_MANY_REQUESTS);
    };
    const blocked = await this.failures.blockedFor(ip);
    if (blocked > 0) throw refuse(blocked);
    const auth = await this.authenticator.authenticate(request);
    if (auth) {
      assertKeyScope(this.reflector, context, auth.scope);
      return true;
    }
    const nowBlocked = await this.failures.recordFailure(ip);
    if (nowBlocked > 0) throw refuse(nowBlocked);
    throw new UnauthorizedException(INVALID_KEY_MESSAGE);
  }
}
