import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthContext } from '../../auth/auth-context.js';
/** The authenticated caller; only on routes behind the API-key guard. */
export const CurrentAuth = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthContext => {
    const auth = context.switchToHttp().getRequest<Request>().auth;
    if (!auth) throw new Error('CurrentAuth used on a route without authentication');
    return auth;
  },
);
