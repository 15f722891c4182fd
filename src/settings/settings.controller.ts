import { Body, Controller, Get, Patch } from '@nestjs/common';
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
import { SettingsResponseDto } from './dto/settings-response.dto.js';
import { TASK_SETTINGS_COUPLING, UpdateSettingsDto } from './dto/update-settings.dto.js';
import { toSettingsChange, toSettingsResponse } from './settings.mapper.js';
import { SettingsService } from './settings.service.js';
import { Readable } from '../common/decorators/key-scopes.decorator.js';

@ApiTags('settings')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Missing or invalid API key.' })
@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @Readable()
  @ApiOperation({
    summary: "The caller's settings",
    description: 'The defaults until the first change.',
  })
  @ApiOkResponse({ type: SettingsResponseDto })
  async get(@CurrentAuth() auth: AuthContext): Promise<SettingsResponseDto> {
    return toSettingsResponse(await this.settings.getForUser(auth.userId));
  }

  @Patch()
  @ApiOperation({
    summary: "Change some of the caller's settings",
    description:
      'Partial update: only the fields sent change; `quiet_hours: null` clears the quiet hours. ' +
      `An empty body is a 400 ("no settings to change"). ${TASK_SETTINGS_COUPLING} Returns all settings.`,
  })
  @ApiOkResponse({ type: SettingsResponseDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description:
      'Validation failed (details[].field names each offending field), an empty body, or a contradictory change.',
  })
  async update(
    @CurrentAuth() auth: AuthContext,
    @Body() body: UpdateSettingsDto,
  ): Promise<SettingsResponseDto> {
    return toSettingsResponse(await this.settings.update(auth.userId, toSettingsChange(body)));
  }
}
