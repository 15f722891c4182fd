import { describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config.js';
import { AiLedgerCleanupJob } from './ai-ledger-cleanup.job.js';
import type { AiLedgerService } from './ai-ledger.service.js';

function job(enabled: boolean) {
  const purgeExpired = jest.fn(async (_now: Date) => 3);
  const config = { get: () => enabled } as unknown as AppConfig;
  return { purgeExpired, job: new AiLedgerCleanupJob({ purgeExpired } as unknown as AiLedgerService, config) };
}

describe('AiLedgerCleanupJob', () => {
  it('purges when the scheduler is enabled', async () => {
    Logger.overrideLogger(false);
    const { job: cleanup, purgeExpired } = job(true);
    await cleanup.run();
    expect(purgeExpired).toHaveBeenCalledTimes(1);
  });

  it('does nothing when SCHEDULER_ENABLED is false', async () => {
    const { job: cleanup, purgeExpired } = job(false);
    await cleanup.run();
    expect(purgeExpired).not.toHaveBeenCalled();
  });
});
