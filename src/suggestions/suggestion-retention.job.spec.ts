import { describe, expect, it, jest } from '@jest/globals';
import type { ConfigService } from '@nestjs/config';
import type { EnvironmentVariables } from '../config/env.schema.js';
import { SuggestionRetentionJob } from './suggestion-retention.job.js';
import type { SuggestionsService } from './suggestions.service.js';

describe('SuggestionRetentionJob', () => {
  const config = (enabled: boolean) => ({ get: () => enabled }) as unknown as ConfigService<EnvironmentVariables, true>;

  it('expires stale suggestions when the scheduler is on', async () => {
    const expireStale = jest.fn(async () => 3);
    await new SuggestionRetentionJob({ expireStale } as unknown as SuggestionsService, config(true)).run();
    expect(expireStale).toHaveBeenCalledTimes(1);
  });

  it('does nothing when the scheduler is switched off', async () => {
    const expireStale = jest.fn(async () => 0);
    await new SuggestionRetentionJob({ expireStale } as unknown as SuggestionsService, config(false)).run();
    expect(expireStale).not.toHaveBeenCalled();
  });
});
