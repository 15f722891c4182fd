import { Controller, Get } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentAuth } from '../common/decorators/current-auth.decorator.js';
import { Readable } from '../common/decorators/key-scopes.decorator.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import type { AuthContext } from './auth-context.js';
import { toUserResponse } from './auth.mapper.js';
import { WhoAmIResponseDto } from './dto/whoami-response.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('auth')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@Controller('me')
export class WhoAmIController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Readable()
  @ApiOperation({ summary: 'The calling key: its user and its scope' })
  @ApiOkResponse({ type: WhoAmIResponseDto })
  async whoami(@CurrentAuth() auth: AuthContext): Promise<WhoAmIResponseDto> {
    return {
      user: toUserResponse(await this.users.getById(auth.userId)),
      key_id: auth.keyId,
      scope: auth.scope,
    };
  }
}
