import { describe, expect, it } from '@jest/globals';
import { validateDto } from '../../../test/support/validate-dto.js';
import { toSettingsChange } from '../settings.mapper.js';
import { UpdateSettingsDto } from './update-settings.dto.js';

const validate = (plain: object) => validateDto(UpdateSettingsDto, plain);

describe('UpdateSettingsDto', () => {
  it('accepts any subset of fields', () => {
    expect(validate({}).problems).toEqual([]);
    expect(validate({ ai_backend: 'claude' }).problems).toEqual([]);
    expect(
      validate({
        auto_tagging_enabled: false,
        auto_task_creation_enabled: true,
        task_suggestion_mode: 'auto',
        auto_task_confidence_threshold: 0,
        ai_backend: 'local',
        consciousness_check_interval_minutes: 1440,
        quiet_hours: { start: '22:00', end: '07:00' },
      }).problems,
    ).toEqual([]);
  });

  it('allows null only for quiet_hours', () => {
    expect(validate({ quiet_hours: null }).problems).toEqual([]);
    for (const field of [
      'auto_tagging_enabled',
      'task_suggestion_mode',
      'auto_task_confidence_threshold',
      'ai_backend',
    ]) {
      expect(validate({ [field]: null }).problems.map((problem) => problem.field)).toContain(field);
    }
  });

  it.each([
    ['consciousness_check_interval_minutes', 29],
    ['consciousness_check_interval_minutes', 1441],
    ['consciousness_check_interval_minutes', 60.5],
    ['auto_task_confidence_threshold', -0.01],
    ['auto_task_confidence_threshold', 1.01],
    ['auto_task_confidence_threshold', '0.9'],
    ['task_suggestion_mode', 'always'],
    ['ai_backend', 'mock'],
    ['auto_tagging_enabled', 'yes'],
    ['quiet_hours', '22:00-07:00'],
    ['quiet_hours', [{ start: '22:00', end: '07:00' }]],
  ])('rejects %s = %j', (field, value) => {
    expect(validate({ [field]: value }).problems.map((problem) => problem.field)).toContain(field);
  });

  it('names nested quiet_hours problems and unknown nested fields', () => {
    expect(validate({ quiet_hours: { start: '22:00', end: '7:00' } }).problems).toEqual([
      { field: 'quiet_hours.end', message: 'end must be a 24-hour time "HH:MM" (00:00 to 23:59)' },
    ]);
    expect(validate({ quiet_hours: { start: '22:00', end: '22:00' } }).problems).toEqual([
      { field: 'quiet_hours.end', message: 'end must differ from start' },
    ]);
    expect(
      validate({ quiet_hours: { start: '22:00', end: '07:00', days: ['mon'] } }).problems,
    ).toEqual([{ field: 'quiet_hours.days', message: 'unknown field "days"' }]);
  });

  it('maps to a change holding only what was sent, with plain quiet hours', () => {
    const change = toSettingsChange(
      validate({ ai_backend: 'ollama', quiet_hours: { start: '22:00', end: '07:00' } }).dto,
    );
    expect(
      Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)),
    ).toEqual({
      aiBackend: 'ollama',
      quietHours: { start: '22:00', end: '07:00' },
    });
    expect(Object.getPrototypeOf(change.quietHours)).toBe(Object.prototype);
    expect(toSettingsChange(validate({ quiet_hours: null }).dto).quietHours).toBeNull();
    expect(toSettingsChange(validate({}).dto).quietHours).toBeUndefined();
  });
});
