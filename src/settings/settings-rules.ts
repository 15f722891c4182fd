import { invalid } from '../common/errors/domain-errors.js';
import type { QuietHours, SettingsChange, SettingsValues } from './settings.types.js';

export const NO_CHANGES_MESSAGE = 'no settings to change';
const CONTRADICTION_MESSAGE =
  "task_suggestion_mode 'auto' creates tasks automatically and needs auto_task_creation_enabled true";

export function isEmptyChange(change: SettingsChange): boolean {
  return Object.values(change).every((value) => value === undefined);
}

/**
 * The settings after a PATCH, keeping the two task settings consistent:
 * - `task_suggestion_mode: 'auto'` turns `auto_task_creation_enabled` on;
 * - `auto_task_creation_enabled: false` while the mode is (and stays) 'auto' moves the mode
 *   to 'suggest';
 * - asking for both 'auto' and `false` in one request is a contradiction (400).
 */
export function resolveSettingsChange(
  current: SettingsValues,
  change: SettingsChange,
): SettingsValues {
  if (change.taskSuggestionMode === 'auto' && change.autoTaskCreationEnabled === false) {
    throw invalid(CONTRADICTION_MESSAGE, [
      { field: 'auto_task_creation_enabled', message: CONTRADICTION_MESSAGE },
    ]);
  }
  const given = Object.fromEntries(
    Object.entries(change).filter(([, value]) => value !== undefined),
  ) as SettingsChange;
  const next: SettingsValues = { ...current, ...given };
  if (change.taskSuggestionMode === 'auto') {
    next.autoTaskCreationEnabled = true;
  } else if (change.autoTaskCreationEnabled === false && next.taskSuggestionMode === 'auto') {
    next.taskSuggestionMode = 'suggest';
  }
  return next;
}

const SETTINGS_KEYS: readonly (keyof SettingsValues)[] = [
  'autoTaggingEnabled',
  'autoTaskCreationEnabled',
  'taskSuggestionMode',
  'autoTaskConfidenceThreshold',
  'aiBackend',
  'consciousnessCheckIntervalMinutes',
  'quietHours',
];

const sameQuietHours = (a: QuietHours | null, b: QuietHours | null) =>
  a === b || (a !== null && b !== null && a.start === b.start && a.end === b.end);

/** Only the values that differ, so an update writes what really changed. */
export function changedValues(current: SettingsValues, next: SettingsValues): SettingsChange {
  const changed: Record<string, unknown> = {};
  for (const key of SETTINGS_KEYS) {
    const differs =
      key === 'quietHours'
        ? !sameQuietHours(current.quietHours, next.quietHours)
        : current[key] !== next[key];
    if (differs) changed[key] = next[key];
  }
  return changed as SettingsChange;
}
