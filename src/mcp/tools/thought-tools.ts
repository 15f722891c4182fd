import { z } from 'zod';
import type { ProfilesService } from '../../profiles/profiles.service.js';
import { THOUGHT_TYPES } from '../../thoughts/thought.entity.js';
import { toThoughtResponse } from '../../thoughts/thought.mapper.js';
import type { ThoughtsService } from '../../thoughts/thoughts.service.js';
import type { SearchMatch, SearchResult } from '../../thoughts/search/thought-search.repository.js';
import { localWindow } from '../local-window.js';
import {
  cursorArg,
  dateArg,
  limitArg,
  pageOf,
  textArg,
  thoughtOut,
  uuidArg,
} from '../mcp-schemas.js';
import { defineTool, type PaiTool } from '../mcp-tool.js';
import { listing, pageOutcome, READS, writes } from './tool-shapes.js';

const line = (thought: { id: string; content: string; created_at: string; tags: string[] }) =>
  `- [${thought.id}] ${thought.created_at.slice(0, 16).replace('T', ' ')} UTC: ${oneLine(thought.content, 200)}${thought.tags.length ? ` #${thought.tags.join(' #')}` : ''}`;

const oneLine = (text: string, max: number) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

const ENTITIES: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
};
const ENTITY = /&(lt|gt|amp|quot|#39);/g;
// Most snippets have no entity at all: the test is cheaper than a replace that finds nothing.
const unescape = (html: string) =>
  html.includes('&') ? html.replace(ENTITY, (entity) => ENTITIES[entity] ?? entity) : html;

const MARK = /<mark>(.*?)<\/mark>/g;

const quoted = (terms: string[]) => terms.map((term) => `"${term}"`).join(', ');

/** One line per arm that found the hit, in words a model can pass on. */
function whyMatched(match: SearchMatch, rank: number): string {
  if (match.arm === 'full_text') {
    return `full-text match on ${match.terms.length ? quoted(match.terms) : 'the query'} (word forms count: "call" matches "calling"; rank ${rank.toFixed(3)})`;
  }
  if (match.arm === 'trigram')
    return `similar spelling: ${quoted(match.terms)} read as a query word the user never wrote (a typo, or part of a longer CJK word)`;
  return `contains the exact text ${quoted(match.terms)}`;
}

/** What a search hit says about why it matched: the marked words, each arm that found it, and how. */
export function explainHit(hit: SearchResult): {
  snippet: string;
  matched_terms: string[];
  match: SearchMatch['arm'];
  matched: SearchMatch[];
  why: string;
} {
  // One pass over the snippet: each marked word is collected as it is rewritten to «word».
  const terms = new Set<string>();
  const snippet = unescape(
    hit.snippet.replace(MARK, (_marked, term: string) => {
      terms.add(unescape(term).toLowerCase());
      return `«${term}»`;
    }),
  );
  return {
    snippet,
    matched_terms: [...terms],
    match: hit.matched[0]?.arm ?? 'substring',
    matched: hit.matched,
    why: hit.matched.map((match) => whyMatched(match, hit.rank)).join('; '),
  };
}

const hitOut = z.looseObject({
  ...thoughtOut.shape,
  snippet: z.string(),
  matched_terms: z.array(z.string()),
  match: z.enum(['full_text', 'trigram', 'substring']),
  matched: z.array(
    z.object({ arm: z.enum(['full_text', 'trigram', 'substring']), terms: z.array(z.string()) }),
  ),
  why: z.string(),
});

export function thoughtTools(thoughts: ThoughtsService, profiles: ProfilesService): PaiTool[] {
  const capture = defineTool({
    name: 'capture_thought',
    title: 'Capture a thought',
    description:
      "Save something the user wants to remember (an idea, a note, a to-do, a question) into their PAI memory, in the user's own words. " +
      'Returns at once; PAI tags and analyses it in the background. Pass idempotency_key (any unique string) so that retrying after a ' +
      'network error never stores it twice; the same key with different content is refused.',
    input: {
      content: textArg(
        'content',
        40_000,
        'The thought, 1 to 10,000 characters, as the user would write it',
      ),
      tags: z
        .array(textArg('tags', 200, 'A tag, without #'))
        .max(100)
        .optional()
        .describe('Optional tags, e.g. ["family", "taxes"]'),
      thought_type: z
        .enum(THOUGHT_TYPES)
        .optional()
        .describe('Optional kind; PAI infers it when omitted'),
      idempotency_key: textArg(
        'idempotency_key',
        255,
        'A unique string per thought; reuse it only when retrying the same capture',
      ).optional(),
    },
    output: {
      thought: thoughtOut,
      created: z
        .boolean()
        .describe('false when an earlier call with the same idempotency_key stored it'),
    },
    annotations: writes({ idempotent: true }),
    narrowScope: 'capture',
    async run(args, call) {
      const { thought, created } = await thoughts.capture(
        call.auth.userId,
        { content: args.content, tags: args.tags, thought_type: args.thought_type, source: 'api' },
        args.idempotency_key,
      );
      const data = toThoughtResponse(thought);
      return {
        text: `${created ? 'Captured' : 'Already captured (same idempotency_key)'}: ${data.id}`,
        data: { thought: data, created },
      };
    },
  });

  const search = defineTool({
    name: 'search_thoughts',
    title: 'Search thoughts',
    description:
      "Search over the user's captured thoughts, best match first: full text fused with a trigram arm that forgives typos and finds " +
      'words inside CJK text. Accepts web-search syntax: quotes for phrases, -word to exclude, OR. Each hit has a snippet with the ' +
      'matching words in «», the matched terms, which arm(s) matched, and why. Use it to recall what ' +
      'the user wrote about a topic before answering.',
    input: {
      query: textArg('query', 500, 'What to look for, e.g. "tax forms" or mom -birthday').min(
        1,
        'query must not be empty',
      ),
      tag: textArg('tag', 60, 'Only thoughts with this tag').optional(),
      limit: limitArg(50, 10),
      cursor: cursorArg,
    },
    output: pageOf(hitOut),
    ...READS,
    async run(args, call) {
      const page = await thoughts.list(call.auth.userId, {
        q: args.query,
        tag: args.tag,
        limit: args.limit,
        cursor: args.cursor,
        status: 'active',
      });
      // Object.assign, not `{ ...thought, ...explained }`: merging two spreads measured 4x
      // slower (about 10 µs a hit), the largest single cost of a search call.
      const items = page.items.map((row) => {
        const hit = row as SearchResult;
        return Object.assign(toThoughtResponse(hit.thought), explainHit(hit));
      });
      const text = listing(
        items,
        `${items.length} match(es) for "${args.query}"`,
        (item) => `${line(item)}\n  why: ${item.why}\n  snippet: ${item.snippet}`,
        `No thoughts match "${args.query}".`,
      );
      return pageOutcome(text, items, page.next_cursor);
    },
  });

  const get = defineTool({
    name: 'get_thought',
    title: 'Get one thought',
    description: 'One thought by its id, in full, with its tags, AI tags and analysis state.',
    input: { id: uuidArg('id', 'The thought id (from search_thoughts or recent_thoughts)') },
    output: { thought: thoughtOut },
    ...READS,
    async run(args, call) {
      const thought = toThoughtResponse(await thoughts.get(call.auth.userId, args.id));
      return { text: `${line(thought)}\n\n${thought.content}`, data: { thought } };
    },
  });

  const recent = defineTool({
    name: 'recent_thoughts',
    title: 'Recent thoughts',
    description:
      "The user's thoughts from the last few days, newest first, counted in whole days of the user's own time zone: days=1 is today " +
      'since local midnight, days=7 is the last seven calendar days. end_date shifts the window to end on another local day.',
    input: {
      days: z
        .number()
        .int()
        .min(1)
        .max(90)
        .default(1)
        .describe('How many local calendar days, ending today (1 to 90, default 1)'),
      end_date: dateArg(
        'end_date',
        'Last local day of the window, YYYY-MM-DD (default: today)',
      ).optional(),
      limit: limitArg(100, 50),
      cursor: cursorArg,
    },
    output: {
      window: z.looseObject({
        time_zone: z.string(),
        from_date: z.string(),
        to_date: z.string(),
        since: z.string(),
        until: z.string(),
      }),
      ...pageOf(thoughtOut),
    },
    ...READS,
    async run(args, call) {
      const { timezone } = await profiles.getForUser(call.auth.userId);
      const window = localWindow(timezone, args.days, args.end_date);
      // `until` is exclusive in the window, inclusive in the list filter: one millisecond back.
      const page = await thoughts.list(call.auth.userId, {
        since: new Date(window.since),
        until: new Date(Date.parse(window.until) - 1),
        limit: args.limit,
        cursor: args.cursor,
        status: 'active',
      });
      const items = page.items.map((row) =>
        toThoughtResponse('thought' in row ? row.thought : row),
      );
      const span =
        window.from_date === window.to_date
          ? window.from_date
          : `${window.from_date} to ${window.to_date}`;
      const text = listing(
        items,
        `${items.length} thought(s) on ${span} (${timezone})`,
        line,
        `No thoughts on ${span} (${timezone}).`,
      );
      return { text, data: { window, items, next_cursor: page.next_cursor } };
    },
  });

  const related = defineTool({
    name: 'related_thoughts',
    title: 'Related thoughts',
    description:
      'Thoughts related to one thought (shared tags, informative shared words, full text, similar text, fused by reciprocal rank), ' +
      'most related first, each with a 0..1 score and the reasons it is related.',
    input: { id: uuidArg('id', 'The thought to start from'), limit: limitArg(20, 5) },
    output: {
      items: z.array(
        z.looseObject({
          thought: thoughtOut,
          score: z.number(),
          shared_tags: z.array(z.string()),
          reasons: z.array(z.string()),
        }),
      ),
    },
    ...READS,
    async run(args, call) {
      const hits = await thoughts.related(call.auth.userId, args.id, args.limit);
      const items = hits.map((hit) => ({
        thought: toThoughtResponse(hit.thought),
        score: hit.score,
        shared_tags: hit.sharedTags,
        reasons: hit.reasons,
      }));
      const text = items.length
        ? items
            .map(
              (item) =>
                `${line(item.thought)} (score ${item.score.toFixed(2)}; ${item.reasons.join('; ')})`,
            )
            .join('\n')
        : 'No related thoughts.';
      return { text, data: { items } };
    },
  });

  return [capture, search, get, recent, related] as unknown as PaiTool[];
}
