import { type DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { appConfigModule } from '../config/config.module.js';
import { DatabaseModule } from '../database/database.module.js';
import { RateLimitModule } from '../rate-limit/rate-limit.module.js';

/** The services the key and user commands need, without the HTTP layer. */
@Module({})
export class CliModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: CliModule,
      imports: [
        appConfigModule(),
        DatabaseModule.forRoot(databaseUrl),
        RateLimitModule,
        AuthModule,
      ],
    };
  }
}
