/**
 * Limits every parsed body obeys, whatever route it is for. They are checked once, at the
 * edge, so no DTO can forget them: PostgreSQL rejects NUL in text and jsonb (a 500 if it
 * gets that far), a lone surrogate would silently become U+FFFD, and class-transformer
 * recurses per level (a stack overflow, a 500, long before JSON.parse minds the depth).
 */
export const MAX_BODY_DEPTH = 32;

/** With the u flag a well-formed pair is one code point, so only a lone half matches. */
const LONE_SURROGATE = /\p{Surrogate}/u;

export type HostileInputProblem = { field: string; message: string };

/**
 * The first reason `value` (a parsed body: objects, arrays, strings, numbers) must be refused,
 * or null. Iterative, so a hostile depth cannot overflow the stack here either. Fields are
 * named as class-validator names them: `goals.0.title`, and an array of strings by the array
 * (`ongoing_projects.0.tags`), with the message naming the property alone.
 */
export function findHostileInput(
  value: unknown,
  maxDepth = MAX_BODY_DEPTH,
): HostileInputProblem | null {
  const stack: Visit[] = [{ value, depth: 0, field: 'body', name: 'body' }];
  while (stack.length > 0) {
    const { value: current, depth, field, name } = stack.pop()!;
    if (typeof current === 'string') {
      if (current.includes('\u0000'))
        return { field, message: `${name} must not contain NUL characters` };
      // A lone surrogate ("\ud800" in JSON) has no UTF-8 form: it would be stored as U+FFFD.
      if (LONE_SURROGATE.test(current))
        return { field, message: `${name} must be valid Unicode (a lone surrogate half)` };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= maxDepth)
      return { field, message: `body must not be nested deeper than ${maxDepth} levels` };
    const prefix = field === 'body' ? '' : `${field}.`;
    if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index -= 1) {
        const element = current[index];
        // Strings in an array are reported as the array (class-validator's `each`); objects by index.
        const own = element !== null && typeof element === 'object';
        stack.push({
          value: element,
          depth: depth + 1,
          field: own ? `${prefix}${index}` : field,
          name,
        });
      }
      continue;
    }
    for (const [key, child] of Object.entries(current)) {
      if (key.includes('\u0000'))
        return { field, message: 'field names must not contain NUL characters' };
      stack.push({ value: child, depth: depth + 1, field: `${prefix}${key}`, name: key });
    }
  }
  return null;
}

interface Visit {
  value: unknown;
  depth: number;
  field: string;
  name: string;
}

/** A NUL smuggled in percent-encoded anywhere in the path or query. */
export function urlHasNul(url: string): boolean {
  return url.includes('%00');
}
