import { Module } from '@nestjs/common';
import { BackupsModule } from '../backups/backups.module.js';
import { MetricsTokenGuard } from './metrics-token.guard.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';

@Module({
  imports: [BackupsModule],
  controllers: [MetricsController],
  providers: [MetricsService, MetricsTokenGuard],
})
export class MetricsModule {}
