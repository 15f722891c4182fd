import { z } from 'zod';
import { isRealDate, TIME_OF_DAY } from '../tasks/dto/task-fields.js';

/**
 * Input pieces shared by the tools. Messages are the REST contract's, so a model sees the
 * same words a REST client would; the services still run their own checks after these.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// eslint-disable-next-line no-control-regex
const NO_NUL = /^[^\u0000]*$/;

export const uuidArg = (field: string, description: string) =>
  z.string().regex(UUID, `${field} must be a UUID`).describe(description);

export const textArg = (field: string, max: number, description: string) =>
  z
    .string()
    .max(max, `${field} must be at most ${max} characters`)
    .regex(NO_NUL, `${field} must not contain NUL characters`)
    .describe(description);

export const dateArg = (field: string, description: string) =>
  z.string().refine(isRealDate, `${field} must be a date (YYYY-MM-DD)`).describe(description);

export const timeArg = (field: string, description: string) =>
  z.string().regex(TIME_OF_DAY, `${field} must be a time (HH:MM, 24 h)`).describe(description);

export const limitArg = (max: number, fallback: number) =>
  z
    .number()
    .int()
    .min(1)
    .max(max)
    .default(fallback)
    .describe(`How many to return (1 to ${max}, default ${fallback})`);

export const cursorArg = textArg(
  'cursor',
  500,
  'next_cursor from an earlier call, to get the next page',
).optional();

// Output shapes: loose objects, so a field added to the REST shape never breaks a client's
// validation of structuredContent; the fields named here are the ones a client may rely on.
const nullableString = z.string().nullable();

export const thoughtOut = z.looseObject({
  id: z.string(),
  content: z.string(),
  tags: z.array(z.string()),
  ai_tags: z.array(z.string()),
  thought_type: nullableString,
  status: z.string(),
  is_actionable: z.boolean(),
  analysis_status: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const taskOut = z.looseObject({
  id: z.string(),
  title: z.string(),
  description: nullableString,
  priority: z.string(),
  status: z.string(),
  due_date: nullableString,
  due_time: nullableString,
  source_thought_id: nullableString,
  completed_at: nullableString,
  created_at: z.string(),
  updated_at: z.string(),
});

export const suggestionOut = z.looseObject({
  id: z.string(),
  source_thought_id: nullableString,
  title: z.string(),
  description: nullableString,
  priority: z.string(),
  due_date: nullableString,
  confidence: z.number(),
  evidence: nullableString,
  status: z.string(),
  task_id: nullableString,
  created_at: z.string(),
});

const withThoughts = z.looseObject({
  title: z.string(),
  description: z.string().nullable().optional(),
  thought_ids: z.array(z.string()),
});

export const checkOut = z.looseObject({
  id: z.string(),
  created_at: z.string(),
  state: z.string(),
  window_start: z.string(),
  window_end: z.string(),
  new_thought_count: z.number(),
  summary: z.string(),
  patterns: z.array(withThoughts),
  insights: z.array(withThoughts),
  suggestions: z.array(withThoughts),
});

export const profileOut = z.looseObject({
  ongoing_projects: z.array(z.looseObject({ name: z.string() })),
  work_patterns: z.looseObject({}),
  goals: z.array(z.looseObject({ title: z.string() })),
  preferences: z.looseObject({}),
  timezone: z.string(),
});

export const pageOf = <T extends z.ZodType>(item: T) => ({
  items: z.array(item),
  next_cursor: z.string().nullable(),
});
