import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../common/errors/domain-errors.js';
import { assertTransition, completedAtAfter } from './task-status.js';
import type { TaskStatus } from './task.entity.js';

describe('task status rules', () => {
  const sensible: [TaskStatus, TaskStatus][] = [
    ['pending', 'in_progress'],
    ['pending', 'done'],
    ['in_progress', 'pending'],
    ['done', 'pending'],
    ['done', 'archived'],
    ['cancelled', 'pending'],
    ['archived', 'pending'],
    ['done', 'done'],
  ];
  const nonsense: [TaskStatus, TaskStatus][] = [
    ['cancelled', 'done'],
    ['done', 'cancelled'],
    ['archived', 'done'],
    ['cancelled', 'in_progress'],
  ];

  it.each(sensible)('allows %s -> %s', (from, to) => {
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it.each(nonsense)('refuses %s -> %s as a conflict naming the allowed ones', (from, to) => {
    let error: unknown;
    try {
      assertTransition(from, to);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).kind).toBe('conflict');
    expect((error as DomainError).message).toContain('allowed:');
  });

  it('sets, keeps and clears completed_at', () => {
    const now = new Date('2026-03-04T10:00:00Z');
    const before = new Date('2026-03-01T10:00:00Z');
    expect(completedAtAfter('pending', 'done', null, now)).toBe(now);
    expect(completedAtAfter('done', 'done', before, now)).toBe(before);
    expect(completedAtAfter('done', 'archived', before, now)).toBe(before);
    expect(completedAtAfter('done', 'pending', before, now)).toBeNull();
    expect(completedAtAfter('done', 'in_progress', before, now)).toBeNull();
  });
});
