import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ApiKeysService } from './api-keys.service.js';
import type { AuthContext } from './auth-context.js';

/** RFC 7235: the scheme name is case-insensitive; one or more spaces before the token. */
const BEARER = /^bearer +(\S+) *$/i;
const CHECKED = Symbol('authChecked');

type CheckedRequest = Request & { [CHECKED]?: true };

/** The key in `Authorization: Bearer <key>`, whatever the scheme's case. */
export function bearerKey(header: string | undefined): string | undefined {
  return header ? BEARER.exec(header)?.[1] : undefined;
}

/**
 * Verifies a request's key once, whoever asks first: the gate in front of body parsing or
 * the guard. Keys anywhere else (query string, other headers) are ignored on purpose: URLs
 * end up in logs and browser history.
 */
@Injectable()
export class RequestAuthenticator {
  constructor(private readonly apiKeys: ApiKeysService) {}

  async authenticate(request: Request): Promise<AuthContext | null> {
    const checked = request as CheckedRequest;
    if (checked[CHECKED]) return request.auth ?? null;
    checked[CHECKED] = true;
    const presented = bearerKey(request.headers.authorization);
    const auth = presented ? await this.apiKeys.verify(presented) : null;
    if (auth) request.auth = auth;
    return auth;
  }
}
