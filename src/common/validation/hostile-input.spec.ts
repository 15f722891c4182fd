import { describe, expect, it } from '@jest/globals';
import { findHostileInput, MAX_BODY_DEPTH, urlHasNul } from './hostile-input.js';

const nested = (levels: number, leaf: unknown = 1): unknown => {
  let value = leaf;
  for (let level = 0; level < levels; level += 1) value = level % 2 === 0 ? [value] : { a: value };
  return value;
};

describe('findHostileInput', () => {
  it('lets ordinary bodies through', () => {
    expect(
      findHostileInput({
        content: 'Call mom \u{1F600} \u202Eevil',
        tags: ['a', 'b'],
        n: 1,
        ok: true,
        none: null,
      }),
    ).toBeNull();
    expect(findHostileInput('plain text body')).toBeNull();
    expect(findHostileInput({})).toBeNull();
    expect(findHostileInput(nested(MAX_BODY_DEPTH))).toBeNull();
  });

  it('names the field holding a NUL, however deep', () => {
    expect(findHostileInput({ content: 'ok', tags: ['fine', 'a\u0000b'] })).toEqual({
      field: 'tags',
      message: 'tags must not contain NUL characters',
    });
    expect(findHostileInput({ work_patterns: { notes: '\u0000' } })?.field).toBe(
      'work_patterns.notes',
    );
    expect(findHostileInput({ goals: [{ title: 'ok' }, { title: '\u0000' }] })).toEqual({
      field: 'goals.1.title',
      message: 'title must not contain NUL characters',
    });
    expect(findHostileInput({ ongoing_projects: [{ name: 'p', tags: ['\u0000'] }] })?.field).toBe(
      'ongoing_projects.0.tags',
    );
    expect(findHostileInput('text\u0000body')).toEqual({
      field: 'body',
      message: 'body must not contain NUL characters',
    });
  });

  it('refuses a lone surrogate half, which has no UTF-8 form', () => {
    expect(findHostileInput({ content: 'ok \u{1F600}' })).toBeNull();
    expect(findHostileInput({ content: 'broken \ud83d' })).toEqual({
      field: 'content',
      message: 'content must be valid Unicode (a lone surrogate half)',
    });
    expect(findHostileInput(JSON.parse('{"tags":["\\udfff"]}'))?.field).toBe('tags');
  });

  it('refuses a NUL in a field name', () => {
    expect(findHostileInput({ 'con\u0000tent': 'x' })?.message).toBe(
      'field names must not contain NUL characters',
    );
  });

  it('refuses nesting past the limit without overflowing its own stack', () => {
    expect(findHostileInput(nested(MAX_BODY_DEPTH + 1))?.message).toBe(
      `body must not be nested deeper than ${MAX_BODY_DEPTH} levels`,
    );
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(findHostileInput({ tags: deep })?.message).toMatch(/nested deeper/);
  });

  it('walks a huge flat array quickly', () => {
    const started = performance.now();
    expect(findHostileInput({ tags: Array.from({ length: 200_000 }, () => 'tag') })).toBeNull();
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('urlHasNul', () => {
  it('spots a percent-encoded NUL in a path or query', () => {
    expect(urlHasNul('/api/v1/thoughts?tag=a%00b')).toBe(true);
    expect(urlHasNul('/api/v1/thoughts/%00')).toBe(true);
    expect(urlHasNul('/api/v1/thoughts?tag=a%2500b')).toBe(false);
    expect(urlHasNul('/api/v1/thoughts?limit=100')).toBe(false);
  });
});
