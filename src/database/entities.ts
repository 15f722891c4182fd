import { ApiKey } from '../auth/api-key.entity.js';
import { User } from '../auth/user.entity.js';
import { Thought } from '../thoughts/thought.entity.js';

/** Every entity, listed explicitly: glob loading silently finds nothing under ESM. */
export const ENTITIES = [User, ApiKey, Thought];
