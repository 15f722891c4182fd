import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';

/**
 * One request budget per API key across all routes (the stock guard counts per route and
 * per IP). Runs after the API-key guard; unauthenticated public routes are not counted.
 */
@Injectable()
export class ApiKeyThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return !context.switchToHttp().getRequest<Request>().auth;
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    return (request as unknown as Request).auth?.keyId ?? 'anonymous';
  }

  protected override generateKey(
    _context: ExecutionContext,
    tracker: string,
    throttlerName: string,
  ): string {
    return `rate:${throttlerName}:${tracker}`;
  }
}
