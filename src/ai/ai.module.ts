import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/app-config.js';
import { aiBackendsProvider } from './ai-backends.provider.js';
import { AiController } from './ai.controller.js';
import { aiOptionsFromConfig } from './ai-options.js';
import { AiOrchestrator } from './ai-orchestrator.service.js';
import { AiRuntime } from './ai-runtime.js';
import { aiLimitsProviders } from './limits/ai-limits.provider.js';
import { AI_OPTIONS } from './ai.tokens.js';
import { AiAnalysisResult } from './ledger/ai-analysis-result.entity.js';
import { AiLedgerRepository } from './ledger/ai-ledger.repository.js';
import { AiLedgerService } from './ledger/ai-ledger.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([AiAnalysisResult])],
  controllers: [AiController],
  providers: [
    aiBackendsProvider,
    {
      provide: AI_OPTIONS,
      inject: [ConfigService],
      useFactory: (config: AppConfig) => aiOptionsFromConfig(config),
    },
    AiRuntime,
    ...aiLimitsProviders,
    AiLedgerRepository,
    AiLedgerService,
    AiOrchestrator,
  ],
  exports: [AiOrchestrator, AiLedgerService],
})
export class AiModule {}
