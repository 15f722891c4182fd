import { CreateUsersAndApiKeys1764100000000 } from '../../migrations/1764100000000-CreateUsersAndApiKeys.js';
import { CreateThoughts1764200000000 } from '../../migrations/1764200000000-CreateThoughts.js';

/** Every migration, in order, listed explicitly (a glob under ESM silently loads none). */
export const MIGRATIONS = [CreateUsersAndApiKeys1764100000000, CreateThoughts1764200000000];
