import { Injectable } from '@nestjs/common';
import { tidyTag } from '../ai/backends/local/tag-normal.js';
import { invalid, notFound } from '../common/errors/domain-errors.js';
import { normalizeTags } from '../thoughts/thought-tags.js';
import { ThoughtsService } from '../thoughts/thoughts.service.js';
import { aliasLookups, applyTagPolicy } from './ai-tag-policy.js';
import { type MergeSuggestion, spellingKey, suggestMerges } from './suggested-merges.js';
import { TagAliasesRepository } from './tag-aliases.repository.js';

/** Suggestions group the user's most used tags: one aggregate query, bounded by this many tags. */
const SUGGESTION_TAGS_READ = 1000;
const MAX_SUGGESTIONS = 50;
/** A tag the user removed from this many thoughts is one they do not use: analysis stops proposing it. */
export const REJECTIONS_TO_LEARN = 2;

export interface TagMergeResult {
  from: string[];
  into: string;
  thoughtsUpdated: number;
}

/** One stored spelling of a tag named in a request, or a 400 naming the field. */
function oneTag(raw: string, field: string): string {
  const [tag] = normalizeTags([raw]);
  if (tag === undefined)
    throw invalid(`${field} must name a tag`, [
      { field, message: `${field} is empty once "#" and spaces are removed` },
    ]);
  return tag;
}

/** The spellings that mean this tag: as stored, tidy, and tidy without spaces. */
function spellingsOf(tag: string): string[] {
  return [...new Set([tag, tidyTag(tag) ?? tag, spellingKey(tag) || tag])];
}

/**
 * Tags that stay tidy: suggested merges, merge and rename (rewriting every thought and
 * remembering the merge as aliases), and what analysis must do with what the user taught.
 */
@Injectable()
export class TagHygieneService {
  constructor(
    private readonly thoughts: ThoughtsService,
    private readonly aliases: TagAliasesRepository,
  ) {}

  async suggestedMerges(userId: string): Promise<MergeSuggestion[]> {
    return suggestMerges(await this.thoughts.tags(userId, SUGGESTION_TAGS_READ)).slice(
      0,
      MAX_SUGGESTIONS,
    );
  }

  /**
   * Rewrites the tags in one statement and records the aliases in the same transaction. A 404
   * when no thought of the user carries any of `from` (nothing is remembered then either).
   */
  async merge(userId: string, rawFrom: string[], rawInto: string): Promise<TagMergeResult> {
    const into = oneTag(rawInto, 'into');
    const from = [...new Set(rawFrom.map((tag) => oneTag(tag, 'from')))].filter(
      (tag) => tag !== into,
    );
    if (from.length === 0)
      throw invalid('from must name at least one tag other than into', [
        { field: 'from', message: `only "${into}" given` },
      ]);
    const intoSpellings = spellingsOf(into);
    const aliases = [...new Set(from.flatMap(spellingsOf))].filter(
      (alias) => !intoSpellings.includes(alias),
    );
    const thoughtsUpdated = await this.aliases.transaction(async (manager) => {
      const updated = await this.thoughts.rewriteTags(manager, userId, from, into);
      if (updated > 0)
        await this.aliases.remember(manager, userId, aliases, into, intoSpellings, from);
      return updated;
    });
    if (thoughtsUpdated === 0)
      throw notFound(from.length === 1 ? `tag "${from[0]}"` : 'any of those tags');
    return { from, into, thoughtsUpdated };
  }

  /** A rename is a merge of one tag; into a tag already in use, the two become one. */
  async rename(
    userId: string,
    rawFrom: string,
    rawTo: string,
  ): Promise<{ from: string; to: string; thoughtsUpdated: number }> {
    const from = oneTag(rawFrom, 'from');
    const to = oneTag(rawTo, 'to');
    if (from === to)
      throw invalid('to must differ from from', [
        { field: 'to', message: `"${to}" is the tag's name already` },
      ]);
    const result = await this.merge(userId, [from], to);
    return { from, to, thoughtsUpdated: result.thoughtsUpdated };
  }

  /** Before analysis: the tags the user removed often enough that no backend should see or propose them. */
  learnedRejections(userId: string): Promise<string[]> {
    return this.thoughts.rejectedTags(userId, REJECTIONS_TO_LEARN);
  }

  /**
   * After analysis, whatever the backend: proposed tags mapped through the user's merges,
   * without the tags the user rejected (on this thought, or learned) and without the thought's
   * own tags.
   */
  async tidyAiTags(
    userId: string,
    thoughtId: string,
    proposed: string[],
    own: string[],
    learned: string[],
  ): Promise<string[]> {
    if (proposed.length === 0) return [];
    const [aliases, rejectedHere] = await Promise.all([
      this.aliases.lookup(userId, [...new Set(proposed.flatMap(aliasLookups))]),
      this.thoughts.rejectedTagsOn(userId, thoughtId),
    ]);
    return applyTagPolicy(proposed, {
      aliases,
      rejected: new Set([...learned, ...rejectedHere]),
      own: new Set(own),
    });
  }
}
