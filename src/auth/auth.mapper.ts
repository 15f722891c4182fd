import type { ApiKey } from './api-key.entity.js';
import type { IssuedApiKey } from './api-keys.service.js';
import type { ApiKeyResponseDto, IssuedApiKeyResponseDto } from './dto/api-key-response.dto.js';
import type { UserResponseDto } from './dto/user-response.dto.js';
import type { User } from './user.entity.js';

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

export function toApiKeyResponse(key: ApiKey): ApiKeyResponseDto {
  return {
    id: key.id,
    prefix: key.prefix,
    name: key.name,
    user_id: key.userId,
    scope: key.scope,
    created_at: key.createdAt.toISOString(),
    last_used_at: iso(key.lastUsedAt),
    expires_at: iso(key.expiresAt),
    revoked_at: iso(key.revokedAt),
    replaced_by_id: key.replacedById ?? null,
  };
}

export function toIssuedApiKeyResponse(issued: IssuedApiKey): IssuedApiKeyResponseDto {
  return { ...toApiKeyResponse(issued.record), key: issued.key };
}

export function toUserResponse(user: User): UserResponseDto {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    created_at: user.createdAt.toISOString(),
  };
}
