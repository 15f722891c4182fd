import { describe, expect, it } from '@jest/globals';
import { rowMapper, type SetColumns, setAssignments, snakeCase } from './sql-rows.js';

class Note {
  id!: string;
  userId!: string;
  dueDate!: string | null;
  createdAt!: Date;
  owner?: string;
}

interface NoteChanges {
  title?: string;
  tags?: string[];
  dueDate?: string | null;
}

const NOTE_COLUMNS: SetColumns<NoteChanges> = {
  title: 'title',
  tags: { column: 'tags', cast: '::jsonb', encode: (tags) => JSON.stringify(tags) },
  dueDate: 'due_date',
};

describe('snakeCase', () => {
  it('names the column of a field', () => {
    expect(snakeCase('id')).toBe('id');
    expect(snakeCase('selectAfterCreatedAt')).toBe('select_after_created_at');
    expect(snakeCase('duplicateOfId')).toBe('duplicate_of_id');
  });
});

describe('rowMapper', () => {
  const toNote = rowMapper(Note, ['id', 'userId', 'dueDate', 'createdAt']);

  it('reads each listed field from its snake_case column into a new entity, dates as given', () => {
    const createdAt = new Date('2026-12-01T10:00:00.000Z');
    const note = toNote({ id: 'n1', user_id: 'u1', due_date: null, created_at: createdAt });
    expect(note).toBeInstanceOf(Note);
    expect(note).toMatchObject({ id: 'n1', userId: 'u1', dueDate: null });
    expect(note.createdAt).toBe(createdAt);
  });

  it('leaves a row’s extra columns off the entity', () => {
    const row = {
      id: 'n1',
      user_id: 'u1',
      due_date: '2026-12-24',
      created_at: new Date(0),
      sort_key: 3,
    };
    const note = toNote(row);
    expect(Object.keys(note)).not.toContain('sort_key');
    expect(Object.keys(note)).not.toContain('sortKey');
    expect(note.dueDate).toBe('2026-12-24');
  });

  it('makes a new entity per row', () => {
    const row = { id: 'n1', user_id: 'u1', due_date: null, created_at: new Date(0) };
    expect(toNote(row)).not.toBe(toNote(row));
  });

  it('leaves a listed field undefined when the row lacks its column', () => {
    const note = toNote({ id: 'n1', user_id: 'u1', created_at: new Date(0) } as never);
    expect(note.dueDate).toBeUndefined();
    expect(note.id).toBe('n1');
  });

  it('takes names as data, never as code (the mapper is compiled from them)', () => {
    class Odd {
      'it\'s"}; throw 1; //'!: string;
      ['\u2028x']!: string;
    }
    const toOdd = rowMapper(Odd, ['it\'s"}; throw 1; //', '\u2028x']);
    const odd = toOdd({ 'it\'s"}; throw 1; //': 'a', '\u2028x': 'b' } as never);
    expect(odd).toBeInstanceOf(Odd);
    expect(odd['it\'s"}; throw 1; //']).toBe('a');
    expect(odd['\u2028x']).toBe('b');
  });
});

describe('setAssignments', () => {
  it('numbers the defined fields after the statement’s own parameters, in the allow-list’s order', () => {
    const params: unknown[] = ['id-1', 'user-1'];
    const sets = setAssignments<NoteChanges>(
      { dueDate: '2026-12-24', title: 'Plan' },
      NOTE_COLUMNS,
      params,
    );
    expect(sets).toEqual(['title = $3', 'due_date = $4']);
    expect(params).toEqual(['id-1', 'user-1', 'Plan', '2026-12-24']);
  });

  it('skips undefined fields but writes null', () => {
    const params: unknown[] = [];
    const sets = setAssignments<NoteChanges>(
      { title: undefined, dueDate: null },
      NOTE_COLUMNS,
      params,
    );
    expect(sets).toEqual(['due_date = $1']);
    expect(params).toEqual([null]);
  });

  it('encodes and casts where the column says so, keeping the value a parameter', () => {
    const params: unknown[] = [];
    const sets = setAssignments<NoteChanges>(
      { tags: ["a'); DROP TABLE notes; --"] },
      NOTE_COLUMNS,
      params,
    );
    expect(sets).toEqual(['tags = $1::jsonb']);
    expect(params).toEqual([JSON.stringify(["a'); DROP TABLE notes; --"])]);
  });

  it('never writes a field the allow-list does not name, whatever the patch carries', () => {
    const params: unknown[] = [];
    const patch = { title: 'x', user_id: 'someone-else', 'status = $9 --': 1 } as NoteChanges;
    expect(setAssignments(patch, NOTE_COLUMNS, params)).toEqual(['title = $1']);
    expect(params).toEqual(['x']);
  });

  it('returns nothing for an empty patch', () => {
    const params: unknown[] = [7];
    expect(setAssignments<NoteChanges>({}, NOTE_COLUMNS, params)).toEqual([]);
    expect(params).toEqual([7]);
  });

  it('refuses a column or cast that is not a plain identifier', () => {
    const bad = { title: 'title = title; --' } as unknown as SetColumns<{ title?: string }>;
    expect(() => setAssignments({ title: 'x' }, bad, [])).toThrow('not a column to SET');
    const badCast = {
      title: { column: 'title', cast: '::text; DELETE FROM notes' },
    } as SetColumns<{ title?: string }>;
    expect(() => setAssignments({ title: 'x' }, badCast, [])).toThrow('not a column to SET');
  });
});
