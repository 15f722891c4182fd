import { ConfigModule } from '@nestjs/config';
import { validateEnv } from './env.schema.js';

/**
 * The one validated configuration object, global so every module reads the same values.
 * A function, not a decorated class: it must read the environment when the application is
 * built, not when this file is first imported (tests build apps with different settings).
 */
export function appConfigModule() {
  return ConfigModule.forRoot({
    isGlobal: true,
    cache: true,
    ignoreEnvFile: process.env.NODE_ENV === 'test',
    envFilePath: '.env',
    validate: validateEnv,
  });
}
