import { ConfigService } from '@nestjs/config';
import type { EnvironmentVariables } from './env.schema.js';

/** ConfigService typed by the env schema: `config.get('PORT', { infer: true })` is a number. */
export type AppConfig = ConfigService<EnvironmentVariables, true>;
