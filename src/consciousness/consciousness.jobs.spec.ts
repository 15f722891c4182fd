import { describe, expect, it, jest } from '@jest/globals';
import type { ConfigService } from '@nestjs/config';
import type { SchedulerRegistry } from '@nestjs/schedule';
import type { CronJob } from 'cron';
import type { EnvironmentVariables } from '../config/env.schema.js';
import { ConsciousnessJobs } from './consciousness.jobs.js';
import type { ConsciousnessService } from './consciousness.service.js';

describe('ConsciousnessJobs', () => {
  const config = (enabled: boolean, cron = '*/5 * * * *') =>
    ({
      get: (name: string) => (name === 'CONSCIOUSNESS_CRON' ? cron : enabled),
    }) as unknown as ConfigService<EnvironmentVariables, true>;
  const registry = () => {
    const jobs = new Map<string, CronJob>();
    return {
      jobs,
      addCronJob: (name: string, job: CronJob) => jobs.set(name, job),
    } as unknown as SchedulerRegistry & { jobs: Map<string, CronJob> };
  };
  const service = () => ({ runDue: jest.fn(async () => 2), purgeExpired: jest.fn(async () => 1) });

  it('runs due checks when the scheduler is on', async () => {
    const consciousness = service();
    const jobs = new ConsciousnessJobs(
      consciousness as unknown as ConsciousnessService,
      config(true),
      registry(),
    );
    await jobs.tick();
    expect(consciousness.runDue).toHaveBeenCalledTimes(1);
  });

  it('registers its tick on the configured schedule, and not at all when the scheduler is off', () => {
    const on = registry();
    new ConsciousnessJobs(
      service() as unknown as ConsciousnessService,
      config(true, '*/7 * * * * *'),
      on,
    ).onApplicationBootstrap();
    const job = on.jobs.get('consciousness-checks')!;
    try {
      expect(job.cronTime.source).toBe('*/7 * * * * *');
      expect(job.isActive).toBe(true);
    } finally {
      void job.stop();
    }
    const off = registry();
    new ConsciousnessJobs(
      service() as unknown as ConsciousnessService,
      config(false),
      off,
    ).onApplicationBootstrap();
    expect(off.jobs.size).toBe(0);
  });

  it('never overlaps itself', async () => {
    let release!: () => void;
    const slow = {
      runDue: jest.fn(() => new Promise<number>((resolve) => (release = () => resolve(0)))),
      purgeExpired: jest.fn(),
    };
    const jobs = new ConsciousnessJobs(
      slow as unknown as ConsciousnessService,
      config(true),
      registry(),
    );
    const firstTick = jobs.tick();
    await jobs.tick();
    release();
    await firstTick;
    expect(slow.runDue).toHaveBeenCalledTimes(1);
  });
});
