import { conflict } from '../common/errors/domain-errors.js';
import type { TaskStatus } from './task.entity.js';

/**
 * Which status changes make sense. Done and cancelled tasks can be re-opened; nothing
 * jumps from cancelled to done or from done to cancelled; archived tasks come back only
 * as pending.
 */
const ALLOWED: Record<TaskStatus, readonly TaskStatus[]> = {
  pending: ['in_progress', 'done', 'cancelled', 'archived'],
  in_progress: ['pending', 'done', 'cancelled', 'archived'],
  done: ['pending', 'in_progress', 'archived'],
  cancelled: ['pending', 'archived'],
  archived: ['pending'],
};

export function assertTransition(from: TaskStatus, to: TaskStatus): void {
  if (from === to || ALLOWED[from].includes(to)) return;
  const allowed = ALLOWED[from].join(', ');
  throw conflict(
    `a ${from.replace('_', ' ')} task cannot become ${to.replace('_', ' ')} (allowed: ${allowed})`,
  );
}

/** completed_at follows the status: set on completion, cleared on re-opening, kept when archived. */
export function completedAtAfter(
  from: TaskStatus,
  to: TaskStatus,
  current: Date | null,
  now: Date,
): Date | null {
  if (to === 'done') return from === 'done' ? current : now;
  if (to === 'archived') return current;
  return null;
}
