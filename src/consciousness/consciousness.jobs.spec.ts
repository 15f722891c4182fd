import { describe, expect, it, jest } from '@jest/globals';
import type { ConfigService } from '@nestjs/config';
import type { EnvironmentVariables } from '../config/env.schema.js';
import { ConsciousnessJobs } from './consciousness.jobs.js';
import type { ConsciousnessService } from './consciousness.service.js';

describe('ConsciousnessJobs', () => {
  const config = (enabled: boolean) => ({ get: () => enabled }) as unknown as ConfigService<EnvironmentVariables, true>;
  const service = () => ({ runDue: jest.fn(async () => 2), purgeExpired: jest.fn(async () => 1) });

  it('runs due checks when the scheduler is on', async () => {
    const consciousness = service();
    const jobs = new ConsciousnessJobs(consciousness as unknown as ConsciousnessService, config(true));
    await jobs.tick();
    expect(consciousness.runDue).toHaveBeenCalledTimes(1);
  });

  it('does nothing when switched off, and never overlaps itself', async () => {
    const off = service();
    await new ConsciousnessJobs(off as unknown as ConsciousnessService, config(false)).tick();
    expect(off.runDue).not.toHaveBeenCalled();

    let release!: () => void;
    const slow = { runDue: jest.fn(() => new Promise<number>((resolve) => (release = () => resolve(0)))), purgeExpired: jest.fn() };
    const jobs = new ConsciousnessJobs(slow as unknown as ConsciousnessService, config(true));
    const firstTick = jobs.tick();
    await jobs.tick();
    release();
    await firstTick;
    expect(slow.runDue).toHaveBeenCalledTimes(1);
  });
});
