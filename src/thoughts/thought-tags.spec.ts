import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../common/errors/domain-errors.js';
import { normalizeTags } from './thought-tags.js';

describe('normalizeTags', () => {
  it('trims, lower-cases, strips leading #, drops empties and duplicates, keeps first-seen order', () => {
    expect(normalizeTags([' #Work ', 'work', '##URGENT', '', '   ', '#', 'Ideas'])).toEqual([
      'work',
      'urgent',
      'ideas',
    ]);
  });

  it('keeps inner # and unicode', () => {
    expect(normalizeTags(['c#', 'Éclair', '日本'])).toEqual(['c#', 'éclair', '日本']);
  });

  it('allows 20 distinct tags and refuses 21', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => `t${i}`);
    expect(normalizeTags([...twenty, 'T0'])).toHaveLength(20);
    expect(() => normalizeTags([...twenty, 'extra'])).toThrow('at most 20 tags');
  });

  it('counts characters, not UTF-16 units, against the 50 limit', () => {
    expect(normalizeTags(['😀'.repeat(50)])).toEqual(['😀'.repeat(50)]);
    let error: unknown;
    try {
      normalizeTags(['x'.repeat(51)]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).kind).toBe('invalid');
  });
});
