import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { AdminGuard } from './admin.guard.js';
import { toApiKeyResponse, toIssuedApiKeyResponse, toUserResponse } from './auth.mapper.js';
import { ApiKeysService } from './api-keys.service.js';
import { ApiKeyPageDto, IssuedApiKeyResponseDto } from './dto/api-key-response.dto.js';
import { CreateApiKeyDto } from './dto/create-api-key.dto.js';
import { CreateUserDto } from './dto/create-user.dto.js';
import { ListApiKeysQueryDto } from './dto/list-api-keys.query.dto.js';
import { RotateApiKeyDto } from './dto/rotate-api-key.dto.js';
import { CreatedUserResponseDto } from './dto/user-response.dto.js';
import { UsersService } from './users.service.js';

const uuid = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 400 });

@ApiTags('admin')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@ApiForbiddenResponse({ type: ErrorResponseDto, description: 'The key is not an admin key.' })
@UseGuards(AdminGuard)
@Controller('admin')
export class AdminController {
  constructor(
    private readonly users: UsersService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  @Post('users')
  @ApiOperation({ summary: 'Create a user and their first API key (shown once)' })
  @ApiCreatedResponse({ type: CreatedUserResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The email is taken.' })
  async createUser(@Body() body: CreateUserDto): Promise<CreatedUserResponseDto> {
    const { user, apiKey } = await this.users.createWithKey({ name: body.name, email: body.email });
    return { user: toUserResponse(user), api_key: toIssuedApiKeyResponse(apiKey) };
  }

  @Get('api-keys')
  @ApiOperation({ summary: 'List API keys (never the keys themselves)' })
  @ApiOkResponse({ type: ApiKeyPageDto })
  async listKeys(@Query() query: ListApiKeysQueryDto): Promise<ApiKeyPageDto> {
    const page = await this.apiKeys.list(query.limit, query.cursor, query.user_id);
    return { items: page.items.map(toApiKeyResponse), next_cursor: page.next_cursor };
  }

  @Post('api-keys')
  @ApiOperation({ summary: 'Create an API key for a user (shown once)' })
  @ApiCreatedResponse({ type: IssuedApiKeyResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such user.' })
  async createKey(@Body() body: CreateApiKeyDto): Promise<IssuedApiKeyResponseDto> {
    const user = await this.users.getById(body.user_id);
    const issued = await this.apiKeys.create({
      userId: user.id,
      name: body.name,
      scope: body.scope,
      expiresAt: body.expires_at ?? null,
    });
    return toIssuedApiKeyResponse(issued);
  }

  @Post('api-keys/:id/rotate')
  @ApiOperation({
    summary:
      'Replace a key: the new one is returned once, the old one stops (after the grace period)',
  })
  @ApiCreatedResponse({ type: IssuedApiKeyResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'Revoked, expired or already rotated.',
  })
  async rotateKey(
    @Param('id', uuid) id: string,
    @Body() body: RotateApiKeyDto,
  ): Promise<IssuedApiKeyResponseDto> {
    return toIssuedApiKeyResponse(await this.apiKeys.rotate(id, body.grace_period_seconds));
  }

  @Delete('api-keys/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a key at once' })
  @ApiNoContentResponse({ description: 'Revoked (also when it already was).' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async revokeKey(@Param('id', uuid) id: string): Promise<void> {
    await this.apiKeys.revoke(id);
  }
}
