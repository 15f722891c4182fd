import { CreateUsersAndApiKeys1764100000000 } from '../../migrations/1764100000000-CreateUsersAndApiKeys.js';

/** Every migration, in order, listed explicitly (a glob under ESM silently loads none). */
export const MIGRATIONS = [CreateUsersAndApiKeys1764100000000];
