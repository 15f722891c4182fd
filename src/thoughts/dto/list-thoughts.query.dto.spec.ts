import { describe, expect, it } from '@jest/globals';
import { expectTrueOrFalseOnly, validateDto } from '../../../test/support/validate-dto.js';
import { ListThoughtsQueryDto } from './list-thoughts.query.dto.js';

describe('ListThoughtsQueryDto', () => {
  it('defaults to active thoughts, 50 a page', () => {
    const { dto, problems } = validateDto(ListThoughtsQueryDto, {});
    expect(problems).toEqual([]);
    expect(dto).toMatchObject({ status: 'active', limit: 50 });
  });

  it('reads is_actionable as true or false only', () => {
    expectTrueOrFalseOnly(ListThoughtsQueryDto, 'is_actionable');
  });

  it('turns since and until into instants and refuses what is not one', () => {
    const { dto, problems } = validateDto(ListThoughtsQueryDto, {
      since: '2026-03-01T00:00:00Z',
      until: '2026-03-02T12:30:00+01:00',
    });
    expect(problems).toEqual([]);
    expect(dto.since).toEqual(new Date('2026-03-01T00:00:00Z'));
    expect(dto.until).toEqual(new Date('2026-03-02T11:30:00Z'));
    expect(validateDto(ListThoughtsQueryDto, { since: 'yesterday' }).problems).toEqual([
      expect.objectContaining({ field: 'since' }),
    ]);
  });

  it('reads limit as a number within its bounds', () => {
    expect(validateDto(ListThoughtsQueryDto, { limit: '200' }).dto.limit).toBe(200);
    for (const limit of ['0', '201', '1.5', 'ten'])
      expect(validateDto(ListThoughtsQueryDto, { limit }).problems).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'limit' })]),
      );
  });
});
