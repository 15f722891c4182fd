import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { NarrowKeyScope } from '../../auth/api-key.entity.js';

export const KEY_SCOPES = 'pai:keyScopes';

/**
 * Admits narrow keys (`read`, `capture`) to a route. A route without it admits only `user`
 * and `admin` keys, so a new route is closed to narrow keys until someone decides otherwise.
 * Swagger shows the scopes as `x-key-scopes`.
 */
export const AllowKeyScopes = (...scopes: NarrowKeyScope[]) =>
  applyDecorators(
    SetMetadata(KEY_SCOPES, scopes),
    ApiExtension('x-key-scopes', ['admin', 'user', ...scopes]),
  );

/** The usual case: a GET route that a `read` key may call. */
export const Readable = () => AllowKeyScopes('read');
