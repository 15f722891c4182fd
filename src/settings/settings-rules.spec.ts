import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../common/errors/domain-errors.js';
import { changedValues, isEmptyChange, resolveSettingsChange } from './settings-rules.js';
import { DEFAULT_SETTINGS, type SettingsValues } from './settings.types.js';

const defaults: SettingsValues = { ...DEFAULT_SETTINGS };
const autoMode: SettingsValues = {
  ...defaults,
  taskSuggestionMode: 'auto',
  autoTaskCreationEnabled: true,
};

describe('isEmptyChange', () => {
  it('is true when nothing is given', () => {
    expect(isEmptyChange({})).toBe(true);
    expect(isEmptyChange({ aiBackend: undefined, quietHours: undefined })).toBe(true);
  });

  it('counts null quiet hours and false as changes', () => {
    expect(isEmptyChange({ quietHours: null })).toBe(false);
    expect(isEmptyChange({ autoTaggingEnabled: false })).toBe(false);
  });
});

describe('resolveSettingsChange', () => {
  it('applies the given fields and leaves the others alone', () => {
    const next = resolveSettingsChange(defaults, {
      aiBackend: 'ollama',
      consciousnessCheckIntervalMinutes: 120,
    });
    expect(next).toEqual({
      ...defaults,
      aiBackend: 'ollama',
      consciousnessCheckIntervalMinutes: 120,
    });
  });

  it('ignores undefined fields rather than clearing them', () => {
    expect(
      resolveSettingsChange(defaults, { aiBackend: undefined, autoTaggingEnabled: false }),
    ).toEqual({
      ...defaults,
      autoTaggingEnabled: false,
    });
  });

  it('sets and clears quiet hours', () => {
    const set = resolveSettingsChange(defaults, { quietHours: { start: '22:00', end: '07:00' } });
    expect(set.quietHours).toEqual({ start: '22:00', end: '07:00' });
    expect(resolveSettingsChange(set, { quietHours: null }).quietHours).toBeNull();
  });

  it("turns auto task creation on when the mode becomes 'auto'", () => {
    expect(resolveSettingsChange(defaults, { taskSuggestionMode: 'auto' })).toEqual(autoMode);
  });

  it("accepts 'auto' together with an explicit true", () => {
    expect(
      resolveSettingsChange(defaults, {
        taskSuggestionMode: 'auto',
        autoTaskCreationEnabled: true,
      }),
    ).toEqual(autoMode);
  });

  it("moves the mode from 'auto' to 'suggest' when auto task creation is turned off", () => {
    expect(resolveSettingsChange(autoMode, { autoTaskCreationEnabled: false })).toEqual({
      ...autoMode,
      autoTaskCreationEnabled: false,
      taskSuggestionMode: 'suggest',
    });
  });

  it("keeps an explicitly chosen mode when turning auto creation off leaves 'auto'", () => {
    expect(
      resolveSettingsChange(autoMode, {
        autoTaskCreationEnabled: false,
        taskSuggestionMode: 'off',
      }),
    ).toEqual({
      ...autoMode,
      autoTaskCreationEnabled: false,
      taskSuggestionMode: 'off',
    });
  });

  it('leaves auto task creation as it is when the mode leaves auto for another reason', () => {
    expect(resolveSettingsChange(autoMode, { taskSuggestionMode: 'suggest' })).toEqual({
      ...autoMode,
      taskSuggestionMode: 'suggest',
    });
  });

  it('does not touch the mode when auto task creation is turned off outside auto mode', () => {
    const enabled = { ...defaults, autoTaskCreationEnabled: true };
    expect(resolveSettingsChange(enabled, { autoTaskCreationEnabled: false })).toEqual(defaults);
  });

  it("rejects 'auto' together with auto task creation off, naming the field", () => {
    const attempt = () =>
      resolveSettingsChange(defaults, {
        taskSuggestionMode: 'auto',
        autoTaskCreationEnabled: false,
      });
    expect(attempt).toThrow(DomainError);
    try {
      attempt();
    } catch (error) {
      expect(error).toMatchObject({
        kind: 'invalid',
        details: [{ field: 'auto_task_creation_enabled' }],
      });
    }
  });

  it('never produces auto mode with auto creation off', () => {
    const modes = ['off', 'suggest', 'auto'] as const;
    const flags = [undefined, true, false] as const;
    for (const startMode of modes) {
      for (const startFlag of [true, false]) {
        if (startMode === 'auto' && !startFlag) continue;
        const current = {
          ...defaults,
          taskSuggestionMode: startMode,
          autoTaskCreationEnabled: startFlag,
        };
        for (const mode of [undefined, ...modes]) {
          for (const flag of flags) {
            if (mode === 'auto' && flag === false) continue;
            const next = resolveSettingsChange(current, {
              taskSuggestionMode: mode,
              autoTaskCreationEnabled: flag,
            });
            expect(next.taskSuggestionMode !== 'auto' || next.autoTaskCreationEnabled).toBe(true);
          }
        }
      }
    }
  });

  it('does not modify its input', () => {
    const current = { ...autoMode };
    resolveSettingsChange(current, { autoTaskCreationEnabled: false });
    expect(current).toEqual(autoMode);
  });
});

describe('changedValues', () => {
  it('is empty when nothing differs', () => {
    expect(changedValues(defaults, { ...defaults })).toEqual({});
  });

  it('lists only the differing values, including implied ones', () => {
    expect(
      changedValues(defaults, resolveSettingsChange(defaults, { taskSuggestionMode: 'auto' })),
    ).toEqual({
      taskSuggestionMode: 'auto',
      autoTaskCreationEnabled: true,
    });
  });

  it('compares quiet hours by value', () => {
    const withQuiet = { ...defaults, quietHours: { start: '22:00', end: '07:00' } };
    expect(
      changedValues(withQuiet, { ...withQuiet, quietHours: { start: '22:00', end: '07:00' } }),
    ).toEqual({});
    expect(
      changedValues(withQuiet, { ...withQuiet, quietHours: { start: '23:00', end: '07:00' } }),
    ).toEqual({
      quietHours: { start: '23:00', end: '07:00' },
    });
    expect(changedValues(withQuiet, { ...withQuiet, quietHours: null })).toEqual({
      quietHours: null,
    });
    expect(changedValues(defaults, withQuiet)).toEqual({ quietHours: withQuiet.quietHours });
  });
});
