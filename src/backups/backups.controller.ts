import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AdminGuard } from '../auth/admin.guard.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { PageQueryDto } from '../common/pagination/page-query.dto.js';
import { toBackupResponse, toBackupStatus } from './backup.mapper.js';
import { BackupsService } from './backups.service.js';
import { BackupPageDto, BackupStatusDto } from './dto/backup-response.dto.js';

@ApiTags('admin')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@ApiForbiddenResponse({ type: ErrorResponseDto, description: 'The key is not an admin key.' })
@UseGuards(AdminGuard)
@Controller('admin/backups')
export class BackupsController {
  constructor(private readonly backups: BackupsService) {}

  @Get()
  @ApiOperation({ summary: 'Backups, newest first, with size, duration and restore-drill result' })
  @ApiOkResponse({ type: BackupPageDto })
  async list(@Query() query: PageQueryDto): Promise<BackupPageDto> {
    const page = await this.backups.list(query.limit, query.cursor);
    return { items: page.items.map(toBackupResponse), next_cursor: page.next_cursor };
  }

  @Get('status')
  @ApiOperation({
    summary:
      'Age of the last backup that passed its restore drill, and a warning when it needs attention',
  })
  @ApiOkResponse({ type: BackupStatusDto })
  async status(): Promise<BackupStatusDto> {
    return toBackupStatus(await this.backups.health());
  }
}
