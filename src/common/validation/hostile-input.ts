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
 * or null. Iterative, so a hostile depth cannot overflow the stack here either.
 */
export function findHostileInput(
  value: unknown,
  maxDepth = MAX_BODY_DEPTH,
): HostileInputProblem | null {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value, depth: 0, path: '' }];
  while (stack.length > 0) {
    const { value: current, depth, path } = stack.pop()!;
    if (typeof current === 'string') {
      const field = path || 'body';
      if (current.includes('\u0000')) return { field, message: `${field} must not contain NUL characters` };
      // A lone surrogate ("\ud800" in JSON) has no UTF-8 form: it would be stored as U+FFFD.
      if (LONE_SURROGATE.test(current)) return { field, message: `${field} must be valid Unicode (a lone surrogate half)` };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= maxDepth)
      return {
        field: path || 'body',
        message: `body must not be nested deeper than ${maxDepth} levels`,
      };
    if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index -= 1) {
        stack.push({ value: current[index], depth: depth + 1, path: `${path}[${index}]` });
      }
      continue;
    }
    for (const [key, child] of Object.entries(current)) {
      if (key.includes('\u0000'))
        return { field: path || 'body', message: 'field names must not contain NUL characters' };
      stack.push({ value: child, depth: depth + 1, path: path ? `${path}.${key}` : key });
    }
  }
  return null;
}

/** A NUL smuggled in percent-encoded anywhere in the path or query. */
export function urlHasNul(url: string): boolean {
  return url.includes('%00');
}
