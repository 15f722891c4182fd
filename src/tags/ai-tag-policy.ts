import { tidyTag } from '../ai/backends/local/tag-normal.js';

/** What a user taught about tags, applied to whatever a backend proposed. */
export interface AiTagPolicy {
  /** Merged or renamed tags (and their spellings) to the tag they now are. */
  aliases: ReadonlyMap<string, string>;
  /** Never written as AI tags: removed from this thought, or from enough thoughts. */
  rejected: ReadonlySet<string>;
  /** The thought's own tags: an AI tag repeating one adds nothing. */
  own: ReadonlySet<string>;
}

/** The lookups an alias may be stored under for a proposed tag: as written and in its tidy spelling. */
export function aliasLookups(tag: string): string[] {
  const tidy = tidyTag(tag);
  return tidy === null || tidy === tag ? [tag] : [tag, tidy];
}

/**
 * The AI tags to store: each proposed tag mapped through the user's aliases; a tag the user
 * rejected (as proposed or as mapped) dropped; own tags and repeats dropped; order kept.
 */
export function applyTagPolicy(proposed: readonly string[], policy: AiTagPolicy): string[] {
  const kept: string[] = [];
  for (const tag of proposed) {
    const target = aliasLookups(tag)
      .map((lookup) => policy.aliases.get(lookup))
      .find((found) => found !== undefined);
    const mapped = target ?? tag;
    if (
      policy.rejected.has(tag) ||
      policy.rejected.has(mapped) ||
      policy.own.has(mapped) ||
      kept.includes(mapped)
    )
      continue;
    kept.push(mapped);
  }
  return kept;
}
