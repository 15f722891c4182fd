import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ReadReplicas } from './read-replicas.service.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Tells ReadReplicas when a user's write request starts and ends, so that user's reads go to
 * the primary meanwhile (read-after-write within a request) and for a while after (a list right
 * after a capture). Every unsafe method counts, whatever the route: a new write endpoint needs
 * nothing to be covered. A guard rather than an interceptor: it runs after authentication, once,
 * without an observable per request; it never refuses.
 */
@Injectable()
export class ReadYourWritesGuard implements CanActivate {
  constructor(private readonly replicas: ReadReplicas) {}

  canActivate(context: ExecutionContext): boolean {
    if (!this.replicas.enabled || context.getType() !== 'http') return true;
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const userId = request.auth?.userId;
    if (userId === undefined || SAFE_METHODS.has(request.method)) return true;
    this.replicas.beginWrite(userId);
    // 'close' comes once whether the response finished or the client went away.
    http.getResponse<Response>().once('close', () => this.replicas.endWrite(userId));
    return true;
  }
}
