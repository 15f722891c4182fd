import { z } from 'zod';
import { AiOutputInvalidError } from '../ai-errors.js';

/** The caps every AI answer is cut to before anything stores it. */
export const LIMITS = {
  tags: 10,
  tagLength: 50,
  title: 120,
  summary: 200,
  evidence: 500,
  description: 1000,
  dueText: 100,
  tasks: 10,
  items: 20,
  thoughtIds: 50,
} as const;

// NUL is rejected by PostgreSQL text and jsonb; other C0 controls are never meaningful here.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Cuts to `max` code points (never half a surrogate pair) after trimming and removing controls. */
export function clip(value: string, max: number): string {
  const clean = value.replace(CONTROL, '').trim();
  return clean.length <= max ? clean : [...clean].slice(0, max).join('').trim();
}

/** A string on the wire, capped rather than rejected when it is too long. */
export const text = (max: number) => z.string().transform((value) => clip(value, max));

/** Any number, clamped into 0..1 (a model's "confidence: 7" means "very", not "invalid"). */
export const confidence = z
  .number()
  .describe('0 to 1')
  .transform((value) => Math.min(1, Math.max(0, value)));

export const tagList = z
  .array(z.object({ tag: z.string(), confidence }))
  .describe(`At most ${LIMITS.tags}; lower-case; reuse the user's existing tags where they fit`)
  .transform(sanitizeTags);

/**
 * One spelling per tag (the thoughts module's rule: trimmed, lower-case, no leading '#'),
 * over-long ones dropped, duplicates merged keeping the higher confidence, then the most
 * confident ten.
 */
export function sanitizeTags(
  raw: { tag: string; confidence: number }[],
): { tag: string; confidence: number }[] {
  const best = new Map<string, number>();
  for (const { tag, confidence: score } of raw) {
    const spelled = clip(tag, 1000).replace(/^#+/, '').trim().toLowerCase();
    if (spelled === '' || [...spelled].length > LIMITS.tagLength) continue;
    best.set(spelled, Math.max(score, best.get(spelled) ?? 0));
  }
  return [...best.entries()]
    .map(([tag, score]) => ({ tag, confidence: score }))
    .sort((a, b) => b.confidence - a.confidence)
    .slice(0, LIMITS.tags);
}

/** Comparison form for "is this quoted from the thought": case, width and spacing ignored. */
export function looseForm(value: string): string {
  return value.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** zod's verdict as our error; paths and rule codes only, never the values the model sent. */
export function parseOrThrow<T extends z.ZodType>(
  schema: T,
  raw: unknown,
  what: string,
): z.output<T> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new AiOutputInvalidError(`${what}: not a JSON object`);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues
      .slice(0, 10)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`);
    throw new AiOutputInvalidError(`${what}: does not match the schema`, problems);
  }
  return result.data;
}

/** The JSON schema sent to Claude (`input_schema`) and Ollama (`format`): the wire side of a zod schema. */
export function wireJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const jsonSchema = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
  // The dialect marker is noise to both APIs.
  delete jsonSchema.$schema;
  return jsonSchema;
}
