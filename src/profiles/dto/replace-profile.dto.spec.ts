import { describe, expect, it } from '@jest/globals';
import { validateDto } from '../../../test/support/validate-dto.js';
import { toProfileContent } from '../profile.mapper.js';
import { ReplaceProfileDto } from './replace-profile.dto.js';

const empty = {
  ongoing_projects: [],
  work_patterns: {},
  goals: [],
  preferences: {},
  timezone: 'UTC',
};

const validate = (plain: object) => validateDto(ReplaceProfileDto, plain);
const fields = (plain: object) => validate(plain).problems.map((problem) => problem.field);

describe('ReplaceProfileDto', () => {
  it('accepts the empty profile', () => {
    expect(validate(empty).problems).toEqual([]);
  });

  it('requires every part', () => {
    expect(fields({})).toEqual(
      expect.arrayContaining([
        'ongoing_projects',
        'work_patterns',
        'goals',
        'preferences',
        'timezone',
      ]),
    );
  });

  it('rejects project names that differ only in case or surrounding space', () => {
    const problems = validate({
      ...empty,
      ongoing_projects: [{ name: 'Garden' }, { name: ' garden ' }],
    }).problems;
    expect(problems).toEqual([
      {
        field: 'ongoing_projects',
        message:
          'ongoing_projects must not contain two projects with the same name (names are compared ignoring case)',
      },
    ]);
  });

  it('reports a project without a name on its name, not also as a duplicate', () => {
    const reported = fields({
      ...empty,
      ongoing_projects: [{ status: 'active' }, { status: 'paused' }],
    });
    expect(new Set(reported)).toEqual(
      new Set(['ongoing_projects.0.name', 'ongoing_projects.1.name']),
    );
  });

  it.each([
    ['a blank project name', { ongoing_projects: [{ name: '   ' }] }, 'ongoing_projects.0.name'],
    [
      'a project name of 101 characters',
      { ongoing_projects: [{ name: 'x'.repeat(101) }] },
      'ongoing_projects.0.name',
    ],
    [
      'a long description',
      { ongoing_projects: [{ name: 'a', description: 'x'.repeat(501) }] },
      'ongoing_projects.0.description',
    ],
    [
      'an unknown status',
      { ongoing_projects: [{ name: 'a', status: 'archived' }] },
      'ongoing_projects.0.status',
    ],
    [
      '21 tags',
      { ongoing_projects: [{ name: 'a', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }] },
      'ongoing_projects.0.tags',
    ],
    [
      'a tag of 51 characters',
      { ongoing_projects: [{ name: 'a', tags: ['x'.repeat(51)] }] },
      'ongoing_projects.0.tags',
    ],
    [
      '11 aliases',
      { ongoing_projects: [{ name: 'a', aliases: Array.from({ length: 11 }, (_, i) => `a${i}`) }] },
      'ongoing_projects.0.aliases',
    ],
    [
      'a blank alias',
      { ongoing_projects: [{ name: 'a', aliases: ['  '] }] },
      'ongoing_projects.0.aliases',
    ],
    [
      'an alias of 101 characters',
      { ongoing_projects: [{ name: 'a', aliases: ['x'.repeat(101)] }] },
      'ongoing_projects.0.aliases',
    ],
    [
      '51 projects',
      { ongoing_projects: Array.from({ length: 51 }, (_, i) => ({ name: `p${i}` })) },
      'ongoing_projects',
    ],
    ['a project that is not an object', { ongoing_projects: ['garden'] }, 'ongoing_projects.0'],
    [
      'an unknown project field',
      { ongoing_projects: [{ name: 'a', owner: 'me' }] },
      'ongoing_projects.0.owner',
    ],
    [
      'a bad focus time',
      { work_patterns: { focus_hours: [{ start: '9:00', end: '12:00' }] } },
      'work_patterns.focus_hours.0.start',
    ],
    [
      '11 focus windows',
      {
        work_patterns: {
          focus_hours: Array.from({ length: 11 }, () => ({ start: '09:00', end: '10:00' })),
        },
      },
      'work_patterns.focus_hours',
    ],
    [
      'an unknown energy peak',
      { work_patterns: { energy_peaks: ['dawn'] } },
      'work_patterns.energy_peaks',
    ],
    [
      'repeated energy peaks',
      { work_patterns: { energy_peaks: ['morning', 'morning'] } },
      'work_patterns.energy_peaks',
    ],
    ['long notes', { work_patterns: { notes: 'x'.repeat(1001) } }, 'work_patterns.notes'],
    ['work patterns as an array', { work_patterns: [] }, 'work_patterns'],
    [
      'an unknown work pattern field',
      { work_patterns: { focus_hours: [{ start: '09:00', end: '10:00', label: 'x' }] } },
      'work_patterns.focus_hours.0.label',
    ],
    ['a goal without title', { goals: [{ horizon: 'week' }] }, 'goals.0.title'],
    ['a goal title of 201 characters', { goals: [{ title: 'x'.repeat(201) }] }, 'goals.0.title'],
    ['an unknown horizon', { goals: [{ title: 'a', horizon: 'decade' }] }, 'goals.0.horizon'],
    [
      'an impossible target date',
      { goals: [{ title: 'a', target_date: '2026-02-30' }] },
      'goals.0.target_date',
    ],
    ['51 goals', { goals: Array.from({ length: 51 }, (_, i) => ({ title: `g${i}` })) }, 'goals'],
    ['a bad language', { preferences: { language: 'english please' } }, 'preferences.language'],
    [
      'a long date format',
      { preferences: { date_format: 'x'.repeat(21) } },
      'preferences.date_format',
    ],
    [
      'an unknown week start',
      { preferences: { week_starts_on: 'friday' } },
      'preferences.week_starts_on',
    ],
    ['an unknown preference', { preferences: { theme: 'dark' } }, 'preferences.theme'],
    ['an invalid time zone', { timezone: 'Mars/Olympus_Mons' }, 'timezone'],
    [
      'a NUL in a project name',
      { ongoing_projects: [{ name: 'a\u0000b' }] },
      'ongoing_projects.0.name',
    ],
    [
      'a NUL in a tag',
      { ongoing_projects: [{ name: 'a', tags: ['ok', 'b\u0000'] }] },
      'ongoing_projects.0.tags',
    ],
    ['a NUL in notes', { work_patterns: { notes: '\u0000' } }, 'work_patterns.notes'],
    ['an unknown top-level field', { mood: 'great' }, 'mood'],
  ])('rejects %s', (_case, change, field) => {
    expect(fields({ ...empty, ...change })).toContain(field);
  });

  it('maps to plain documents with the project status defaulted and unset keys left out', () => {
    const { dto, problems } = validate({
      ongoing_projects: [
        { name: 'Garden', tags: ['outdoor'], aliases: ['allotment'] },
        { name: 'Book', description: null, status: 'paused' },
      ],
      work_patterns: { energy_peaks: ['morning'] },
      goals: [{ title: 'Ship v1', target_date: '2026-03-31' }],
      preferences: { week_starts_on: 'sunday' },
      timezone: 'europe/berlin',
    });
    expect(problems).toEqual([]);
    const content = toProfileContent(dto);
    expect(content).toEqual({
      ongoingProjects: [
        { name: 'Garden', status: 'active', tags: ['outdoor'], aliases: ['allotment'] },
        { name: 'Book', status: 'paused' },
      ],
      workPatterns: { energy_peaks: ['morning'] },
      goals: [{ title: 'Ship v1', target_date: '2026-03-31' }],
      preferences: { week_starts_on: 'sunday' },
      timezone: 'europe/berlin',
    });
    expect(JSON.stringify(content.ongoingProjects)).toBe(
      '[{"name":"Garden","status":"active","tags":["outdoor"],"aliases":["allotment"]},{"name":"Book","status":"paused"}]',
    );
    expect(Object.getPrototypeOf(content.workPatterns)).toBe(Object.prototype);
  });
});
