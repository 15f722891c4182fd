import { Module } from '@nestjs/common';
import { BackupRunsRepository } from './backup-runs.repository.js';
import { BackupSchedule } from './backup-schedule.js';
import { BackupsController } from './backups.controller.js';
import { BackupsService } from './backups.service.js';

@Module({
  controllers: [BackupsController],
  providers: [BackupRunsRepository, BackupsService, BackupSchedule],
  exports: [BackupsService],
})
export class BackupsModule {}
