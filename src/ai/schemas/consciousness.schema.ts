import { z } from 'zod';
import type { ConsciousnessResult } from '../ai.types.js';
import { confidence, LIMITS, parseOrThrow, text, wireJsonSchema } from './sanitize.js';
import { TASK_PRIORITIES } from './thought-analysis.schema.js';

export const PATTERN_KINDS = [
  'recurring_theme',
  'stalled_project',
  'open_loop',
  'time_of_day',
] as const;

const thoughtIds = z
  .array(z.string())
  .describe('Ids of the thoughts (from the input) this rests on');

const patternWire = z.object({
  kind: z.enum(PATTERN_KINDS),
  title: text(LIMITS.title),
  description: text(LIMITS.description),
  thought_ids: thoughtIds,
  confidence,
});

const insightWire = z.object({
  title: text(LIMITS.title),
  description: text(LIMITS.description),
  thought_ids: thoughtIds,
});

const suggestionWire = z.object({
  title: text(LIMITS.title),
  description: text(LIMITS.description).nullish(),
  priority: z.enum(TASK_PRIORITIES),
  thought_ids: thoughtIds,
  confidence,
});

/** What an LLM must return for a consciousness check, snake_case as on the wire. */
export const consciousnessWire = z.object({
  summary: text(LIMITS.summary).describe('One or two sentences'),
  patterns: z.array(patternWire),
  insights: z.array(insightWire),
  suggestions: z.array(suggestionWire),
});

export const CONSCIOUSNESS_JSON_SCHEMA = wireJsonSchema(consciousnessWire);

/**
 * Validates a consciousness-check answer. `knownIds` are the thoughts that were in the
 * prompt: any other id is invented (or another user's) and is dropped; items left with an
 * empty title are dropped; each list is cut to LIMITS.items.
 */
export function parseConsciousnessResult(
  raw: unknown,
  knownIds: ReadonlySet<string>,
): ConsciousnessResult {
  const wire = parseOrThrow(consciousnessWire, raw, 'consciousness check');
  const ids = (list: string[]) =>
    [...new Set(list.map((id) => id.trim()).filter((id) => knownIds.has(id)))].slice(
      0,
      LIMITS.thoughtIds,
    );
  const keep = <T extends { title: string }>(items: T[]) =>
    items.filter((item) => item.title !== '').slice(0, LIMITS.items);
  return {
    summary: wire.summary,
    patterns: keep(wire.patterns).map((p) => ({
      kind: p.kind,
      title: p.title,
      description: p.description,
      thoughtIds: ids(p.thought_ids),
      confidence: p.confidence,
    })),
    insights: keep(wire.insights).map((i) => ({
      title: i.title,
      description: i.description,
      thoughtIds: ids(i.thought_ids),
    })),
    suggestions: keep(wire.suggestions).map((s) => ({
      title: s.title,
      ...(s.description ? { description: s.description } : {}),
      priority: s.priority,
      thoughtIds: ids(s.thought_ids),
      confidence: s.confidence,
    })),
  };
}
