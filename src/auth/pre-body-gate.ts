import type { NextFunction, Request, Response } from 'express';
import { errorBody } from '../common/errors/error-body.js';
import { carriesBody } from '../common/middleware/body-parsing.js';
import { BLOCKED_MESSAGE } from './api-key.guard.js';
import type { AuthFailureLimiter } from './auth-failure-limiter.js';
import type { RequestAuthenticator } from './request-authenticator.js';
import type { UnauthenticatedLimiter } from './unauthenticated-limiter.js';

export const UNAUTHENTICATED_LIMIT_MESSAGE = 'too many requests without a valid API key';

/**
 * In front of body parsing, for requests that carry a body: a blocked address is refused
 * without a key lookup, a valid key goes on (the guard reuses the answer), and requests
 * without one are counted per address and refused over the limit, all before a byte of the
 * body is parsed. Requests without a body cost nothing here; the guard handles them.
 */
export function preBodyGate(
  authenticator: RequestAuthenticator,
  failures: AuthFailureLimiter,
  unauthenticated: UnauthenticatedLimiter,
) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (!carriesBody(request)) return next();
    const ip = request.ip ?? 'unknown';
    const refuse = (retryAfter: number, message: string) => {
      // Closing the connection spares reading the body we refuse.
      response.setHeader('Connection', 'close');
      response.setHeader('Retry-After', String(retryAfter));
      response.status(429).json(errorBody(429, message, String(request.id)));
    };
    void (async () => {
      const blocked = await failures.blockedFor(ip);
      if (blocked > 0) return refuse(blocked, BLOCKED_MESSAGE);
      if (await authenticator.authenticate(request)) return next();
      const limited = await unauthenticated.count(ip);
      if (limited > 0) return refuse(limited, UNAUTHENTICATED_LIMIT_MESSAGE);
      next();
    })().catch(next);
  };
}
