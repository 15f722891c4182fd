import { describe, expect, it } from '@jest/globals';
import {
  dtoMessages,
  expectTrueOrFalseOnly,
  validateDto,
} from '../../../test/support/validate-dto.js';
import { ConvertThoughtDto } from './convert-thought.dto.js';
import { CreateTaskDto } from './create-task.dto.js';
import { ListTasksQueryDto } from './list-tasks.query.dto.js';
import { UpdateTaskDto } from './update-task.dto.js';

const NOT_A_DAY = 'due_date must be a real calendar date (YYYY-MM-DD)';
const NOT_A_TIME = 'due_time must be a time (HH:MM, 24 h)';

describe('task bodies: due dates and times', () => {
  // The three bodies that carry a due date share its rules.
  const bodies = [
    ['CreateTaskDto', CreateTaskDto, { title: 'Call mom' }],
    ['UpdateTaskDto', UpdateTaskDto, {}],
    ['ConvertThoughtDto', ConvertThoughtDto, {}],
  ] as const;

  it.each(bodies)('%s accepts a real day and a 24-hour time', (_name, type, base) => {
    expect(dtoMessages(type, { ...base, due_date: '2028-02-29', due_time: '23:59' })).toEqual([]);
    expect(dtoMessages(type, { ...base, due_date: '2026-12-31', due_time: '00:00' })).toEqual([]);
  });

  it.each(bodies)('%s refuses days the calendar does not have', (_name, type, base) => {
    for (const due_date of ['2026-02-29', '2026-02-30', '2026-13-01', '0000-01-01', '2026-1-5'])
      expect(dtoMessages(type, { ...base, due_date })).toEqual([NOT_A_DAY]);
    // Only a string names a day: a timestamp or a number is not one.
    expect(dtoMessages(type, { ...base, due_date: '2026-03-05T00:00:00Z' })).toEqual([NOT_A_DAY]);
    expect(dtoMessages(type, { ...base, due_date: 20260305 })).toEqual([NOT_A_DAY]);
  });

  it.each(bodies)('%s refuses times off the 24-hour clock', (_name, type, base) => {
    for (const due_time of ['24:00', '9:30', '12:60', '12:00:00', '5pm'])
      expect(dtoMessages(type, { ...base, due_time })).toEqual([NOT_A_TIME]);
  });

  it.each(bodies)('%s takes null to clear a due date or time', (_name, type, base) => {
    expect(dtoMessages(type, { ...base, due_date: null, due_time: null })).toEqual([]);
  });

  it('allows null for a description, not for a title', () => {
    expect(dtoMessages(CreateTaskDto, { title: 'x', description: null })).toEqual([]);
    expect(dtoMessages(UpdateTaskDto, { description: null })).toEqual([]);
    expect(dtoMessages(CreateTaskDto, { title: null })).toEqual(
      expect.arrayContaining(['title must be a string']),
    );
    expect(dtoMessages(UpdateTaskDto, { title: '' })).toEqual([
      'title must be longer than or equal to 1 characters',
    ]);
  });
});

describe('ListTasksQueryDto', () => {
  it('reads comma-separated statuses and priorities, spaces trimmed', () => {
    const { dto, problems } = validateDto(ListTasksQueryDto, {
      status: 'pending, in_progress',
      priority: 'urgent,high',
    });
    expect(problems).toEqual([]);
    expect(dto.status).toEqual(['pending', 'in_progress']);
    expect(dto.priority).toEqual(['urgent', 'high']);
  });

  it('names the filter with an unknown value, and reads overdue as true or false only', () => {
    expectTrueOrFalseOnly(ListTasksQueryDto, 'overdue');
    expect(validateDto(ListTasksQueryDto, { status: 'pending,open' }).problems).toEqual([
      expect.objectContaining({ field: 'status' }),
    ]);
    expect(validateDto(ListTasksQueryDto, { priority: 'low,' }).problems).toEqual([
      expect.objectContaining({ field: 'priority' }),
    ]);
  });

  it('checks due_before and due_after as calendar days and defaults the sort', () => {
    const { dto, problems } = validateDto(ListTasksQueryDto, {
      due_after: '2026-03-01',
      due_before: '2026-03-10',
    });
    expect(problems).toEqual([]);
    expect(dto.sort).toBe('created');
    expect(dtoMessages(ListTasksQueryDto, { due_before: '2026-04-31' })).toEqual([
      'due_before must be a real calendar date (YYYY-MM-DD)',
    ]);
    expect(dtoMessages(ListTasksQueryDto, { due_after: 'tomorrow' })).toEqual([
      'due_after must be a real calendar date (YYYY-MM-DD)',
    ]);
  });
});
