import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
} from '@nestjs/common';
import type { Request } from 'express';

/** Admin routes: a valid key without the admin scope is 403 (it is known, just not allowed). */
@Injectable()
export class AdminGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const auth = context.switchToHttp().getRequest<Request>().auth;
    if (auth?.scope !== 'admin') throw new ForbiddenException('this route needs an admin API key');
    return true;
  }
}
