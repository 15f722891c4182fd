import { describe, expect, it } from '@jest/globals';
import { ValidationFailedException } from '../../common/errors/validation-failed.exception.js';
import { toCreateThoughtDto } from './capture-body.js';

describe('toCreateThoughtDto', () => {
  it('reads a text/plain body as the content from a shortcut', async () => {
    await expect(
      toCreateThoughtDto('Buy milk', 'text/plain; charset=utf-8'),
    ).resolves.toMatchObject({ content: 'Buy milk', source: 'shortcut' });
  });

  it('reads form booleans and comma-separated tags', async () => {
    const dto = await toCreateThoughtDto(
      { content: 'x', tags: 'a, b', local_only: 'on' },
      'application/x-www-form-urlencoded',
    );
    expect(dto).toMatchObject({
      content: 'x',
      tags: ['a', ' b'],
      local_only: true,
      source: 'shortcut',
    });
    const off = await toCreateThoughtDto(
      { content: 'x', local_only: '0' },
      'application/x-www-form-urlencoded',
    );
    expect(off.local_only).toBe(false);
  });

  it('keeps a form value it cannot read as a boolean, so validation names it', async () => {
    await expect(
      toCreateThoughtDto(
        { content: 'x', local_only: 'perhaps' },
        'application/x-www-form-urlencoded',
      ),
    ).rejects.toBeInstanceOf(ValidationFailedException);
  });

  it('refuses a JSON body that is not an object', async () => {
    await expect(toCreateThoughtDto(['x'], 'application/json')).rejects.toThrow(
      'body must be a JSON object',
    );
    await expect(toCreateThoughtDto(undefined, 'application/json')).rejects.toThrow(
      'body must be a JSON object',
    );
  });

  it('lets JSON choose its source, and rejects unknown fields', async () => {
    await expect(
      toCreateThoughtDto({ content: 'x', source: 'dashboard' }, 'application/json'),
    ).resolves.toMatchObject({ source: 'dashboard' });
    await expect(
      toCreateThoughtDto({ content: 'x', owner: 'me' }, 'application/json'),
    ).rejects.toThrow('unknown field "owner"');
  });
});
