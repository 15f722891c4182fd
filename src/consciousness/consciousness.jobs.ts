import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { SchedulerRegistry } from '@nestjs/schedule';
import { scheduleCron } from '../common/scheduling/schedule-cron.js';
import type { EnvironmentVariables } from '../config/env.schema.js';
import { ConsciousnessService } from './consciousness.service.js';

const JOB_NAME = 'consciousness-checks';

/**
 * The flag-gated scheduler tick. CONSCIOUSNESS_CRON (UTC) is configuration, so the job is
 * registered at start-up rather than by a decorator. @nestjs/schedule has no cross-instance
 * lock: every instance runs the tick, and the per-user-and-slot claim in the database lets
 * exactly one of them run each check.
 */
@Injectable()
export class ConsciousnessJobs implements OnApplicationBootstrap {
  private readonly logger = new Logger(ConsciousnessJobs.name);
  private ticking = false;

  constructor(
    private readonly consciousness: ConsciousnessService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
    private readonly registry: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    scheduleCron(this.registry, this.config, JOB_NAME, 'CONSCIOUSNESS_CRON', () => this.tick());
  }

  async tick(): Promise<void> {
    // A slow pass (a remote AI) must not overlap the next one in this process.
    if (this.ticking) return;
    this.ticking = true;
    try {
      const ran = await this.consciousness.runDue();
      if (ran > 0) this.logger.log({ ran }, 'scheduled consciousness checks');
    } catch (error) {
      this.logger.error({ err: (error as Error).message }, 'scheduled consciousness pass failed');
    } finally {
      this.ticking = false;
    }
  }
}
