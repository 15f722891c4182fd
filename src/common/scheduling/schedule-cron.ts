import type { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import type { AppConfig } from '../../config/app-config.js';

/** The settings that name an in-process schedule. */
export type CronSetting = 'BACKUP_CRON' | 'CONSCIOUSNESS_CRON' | 'RETENTION_CRON';

/**
 * The one gate for every in-process schedule: with SCHEDULER_ENABLED=false nothing is
 * registered, so no tick ever fires (a process started only to serve requests, or a test).
 * The schedule is configuration, read at start-up and interpreted in UTC; the registry stops
 * the job at shutdown. Every instance registers its own: the jobs claim their slot in the
 * database so one of them does the work.
 */
export function scheduleCron(
  registry: SchedulerRegistry,
  config: AppConfig,
  name: string,
  setting: CronSetting,
  onTick: () => Promise<void>,
): void {
  if (!config.get('SCHEDULER_ENABLED', { infer: true })) return;
  const job = CronJob.from({
    cronTime: config.get(setting, { infer: true }),
    timeZone: 'UTC',
    onTick,
  });
  registry.addCronJob(name, job);
  job.start();
}
