import { describe, expect, it } from '@jest/globals';
import { dtoMessages, validateDto } from '../../../test/support/validate-dto.js';
import { CreateApiKeyDto } from './create-api-key.dto.js';

const USER = '7d1f6a8e-3f5c-4d8a-9c1e-2b7f4a6d9e01';

describe('CreateApiKeyDto', () => {
  it('defaults to a user-scoped key that never expires', () => {
    const { dto, problems } = validateDto(CreateApiKeyDto, { user_id: USER, name: 'phone' });
    expect(problems).toEqual([]);
    expect(dto.scope).toBe('user');
    expect(dto.expires_at).toBeUndefined();
  });

  it('takes an expiry in the future as an instant', () => {
    const at = new Date(Date.now() + 86_400_000);
    const { dto, problems } = validateDto(CreateApiKeyDto, {
      user_id: USER,
      name: 'phone',
      expires_at: at.toISOString(),
    });
    expect(problems).toEqual([]);
    expect(dto.expires_at).toEqual(at);
  });

  it('refuses an expiry that has passed, or that is not a date-time', () => {
    expect(
      dtoMessages(CreateApiKeyDto, {
        user_id: USER,
        name: 'x',
        expires_at: '2020-01-01T00:00:00Z',
      }),
    ).toEqual(['expires_at must be in the future']);
    expect(
      validateDto(CreateApiKeyDto, { user_id: USER, name: 'x', expires_at: '2027-02-30' }).problems,
    ).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'expires_at' })]));
  });

  it('refuses an unknown scope, a blank name and a user id that is not a UUID', () => {
    expect(
      validateDto(CreateApiKeyDto, { user_id: 'me', name: '', scope: 'root' }).problems.map(
        (problem) => problem.field,
      ),
    ).toEqual(expect.arrayContaining(['user_id', 'name', 'scope']));
  });
});
