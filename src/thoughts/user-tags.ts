/**
 * The per-user tags index (`thoughts_user_tags_idx`, see its migration): a GIN over each
 * thought's tags and AI tags, each prefixed with the first 8 characters of its user's id, so a
 * tag's posting list holds one user's thoughts only. Finding a user's thoughts with a tag then
 * costs what that user has; the jsonb indexes it replaced read every user's thoughts with the
 * tag (11 of related thoughts' 14 ms at 1M thoughts).
 */

/** Characters of the user's id that prefix each key of the per-user indexes (32 random bits of a UUID). */
export const USER_PREFIX_LENGTH = 8;

/** The prefix the per-user indexes give this user's keys (the id's text form is lower case). */
export const userPrefix = (userId: string) => userId.toLowerCase().slice(0, USER_PREFIX_LENGTH);

/** The indexed expression over a thought row `t`, exactly as the index declares it. */
const USER_TAGS_SQL = 'thought_user_tags(t.user_id, t.tags, t.ai_tags)';

/** The parameter for `carriesAnyTagSql`: the tags as the index keys them for this user. */
export const userTagKeys = (userId: string, tags: string[]) =>
  tags.map((tag) => userPrefix(userId) + tag);

/**
 * Whether thought `t` carries any of the tags (its own or AI) given as `userTagKeys` in
 * `keysParam`. A prefix shared with a stranger only adds their rows, which the caller's
 * `t.user_id =` drops: use it only next to that condition.
 */
export const carriesAnyTagSql = (keysParam: string) => `${USER_TAGS_SQL} && ${keysParam}::text[]`;
