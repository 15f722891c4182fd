import { type ExecutionContext, ForbiddenException } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { KEY_SCOPES } from '../common/decorators/key-scopes.decorator.js';
import type { ApiKeyScope, NarrowKeyScope } from './api-key.entity.js';

/**
 * The one place a key's scope meets a route: `admin` and `user` keys pass (admin routes add
 * their own guard), narrow keys pass only where the route names their scope.
 */
export function assertKeyScope(
  reflector: Reflector,
  context: ExecutionContext,
  scope: ApiKeyScope,
): void {
  if (scope === 'user' || scope === 'admin') return;
  const allowed = reflector.getAllAndOverride<NarrowKeyScope[] | undefined>(KEY_SCOPES, [
    context.getHandler(),
    context.getClass(),
  ]);
  if (!allowed?.includes(scope)) throw new ForbiddenException(outOfScopeMessage(scope));
}

export const outOfScopeMessage = (scope: ApiKeyScope) =>
  `this API key's scope "${scope}" does not allow this request`;
