import { Body, Controller, Get, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../common/decorators/current-auth.decorator.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { ProfileResponseDto } from './dto/profile-response.dto.js';
import { ReplaceProfileDto } from './dto/replace-profile.dto.js';
import { toProfileContent, toProfileResponse } from './profile.mapper.js';
import { ProfilesService } from './profiles.service.js';
import { Readable } from '../common/decorators/key-scopes.decorator.js';

@ApiTags('profile')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Missing or invalid API key.' })
@Controller('profile')
export class ProfilesController {
  constructor(private readonly profiles: ProfilesService) {}

  @Get()
  @Readable()
  @ApiOperation({
    summary: "The caller's profile",
    description:
      'Projects, work patterns, goals and preferences the assistant takes into account. Defaults (empty lists and objects, UTC) until the first PUT.',
  })
  @ApiOkResponse({ type: ProfileResponseDto })
  async get(@CurrentAuth() auth: AuthContext): Promise<ProfileResponseDto> {
    return toProfileResponse(await this.profiles.getForUser(auth.userId));
  }

  @Put()
  @ApiOperation({
    summary: "Replace the caller's profile",
    description:
      'Full replace: every field is required and takes exactly the value sent (send [] or {} to clear a part). ' +
      'Unknown fields at any depth are rejected. Project names must be unique ignoring case.',
  })
  @ApiOkResponse({ type: ProfileResponseDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'Validation failed; details[].field names each offending field.',
  })
  async replace(
    @CurrentAuth() auth: AuthContext,
    @Body() body: ReplaceProfileDto,
  ): Promise<ProfileResponseDto> {
    return toProfileResponse(await this.profiles.replace(auth.userId, toProfileContent(body)));
  }
}
