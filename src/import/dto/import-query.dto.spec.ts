import { describe, expect, it } from '@jest/globals';
import { dtoMessages, validateDto } from '../../../test/support/validate-dto.js';
import { ImportQueryDto } from './import-query.dto.js';

describe('ImportQueryDto', () => {
  it('reads dry_run from true/false or 1/0, and defaults it to a real import', () => {
    expect(validateDto(ImportQueryDto, { source: 'pai' }).dto.dry_run).toBe(false);
    for (const [given, read] of [
      ['true', true],
      ['1', true],
      ['false', false],
      ['0', false],
    ] as const) {
      const { dto, problems } = validateDto(ImportQueryDto, { source: 'memos', dry_run: given });
      expect(problems).toEqual([]);
      expect(dto.dry_run).toBe(read);
    }
  });

  it('refuses any other dry_run rather than guessing', () => {
    for (const dry_run of ['yes', 'TRUE', '2', ''])
      expect(dtoMessages(ImportQueryDto, { source: 'pai', dry_run })).toEqual([
        'dry_run must be true or false',
      ]);
  });

  it('names the sources it knows', () => {
    expect(dtoMessages(ImportQueryDto, { source: 'evernote' })).toEqual([
      'source must be one of pai, markdown, memos, karakeep',
    ]);
  });
});
