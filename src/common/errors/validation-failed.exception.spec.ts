import { describe, expect, it } from '@jest/globals';
import { HttpStatus, type ValidationError } from '@nestjs/common';
import { plainToInstance, Type } from 'class-transformer';
import { IsInt, IsString, ValidateNested, validateSync } from 'class-validator';
import { ValidationFailedException } from './validation-failed.exception.js';

class Child {
  @IsString()
  name!: string;
}

class Parent {
  @IsInt()
  count!: number;

  @ValidateNested()
  @Type(() => Child)
  child!: Child;
}

function error(
  property: string,
  constraints?: Record<string, string>,
  children: ValidationError[] = [],
): ValidationError {
  return { property, constraints, children };
}

describe('ValidationFailedException.fromErrors', () => {
  it('is a 400 listing each problem with its field', () => {
    const exception = ValidationFailedException.fromErrors([
      error('content', { isNotEmpty: 'content must not be empty' }),
      error('limit', { isInt: 'limit must be an integer number' }),
    ]);

    expect(exception.getStatus()).toBe(HttpStatus.BAD_REQUEST);
    expect(exception.problems).toEqual([
      { field: 'content', message: 'content must not be empty' },
      { field: 'limit', message: 'limit must be an integer number' },
    ]);
  });

  it('uses the first problem as the message', () => {
    const exception = ValidationFailedException.fromErrors([
      error('content', { isNotEmpty: 'content must not be empty' }),
      error('limit', { isInt: 'limit must be an integer number' }),
    ]);
    expect(exception.message).toBe('content must not be empty');
  });

  it('flattens nested children into dotted field paths', () => {
    const exception = ValidationFailedException.fromErrors([
      error('parent', undefined, [
        error('child', { isString: 'child must be a string' }),
        error('items', undefined, [
          error('0', undefined, [error('name', { isNotEmpty: 'name must not be empty' })]),
        ]),
      ]),
    ]);

    expect(exception.problems).toEqual([
      { field: 'parent.child', message: 'child must be a string' },
      { field: 'parent.items.0.name', message: 'name must not be empty' },
    ]);
    expect(exception.message).toBe('child must be a string');
  });

  it("keeps a parent's own problems before its children's", () => {
    const exception = ValidationFailedException.fromErrors([
      error('parent', { isObject: 'parent must be an object' }, [
        error('child', { isInt: 'child must be an integer' }),
      ]),
    ]);
    expect(exception.problems).toEqual([
      { field: 'parent', message: 'parent must be an object' },
      { field: 'parent.child', message: 'child must be an integer' },
    ]);
  });

  it('rewrites whitelist errors as unknown fields, nested too', () => {
    const exception = ValidationFailedException.fromErrors([
      error('extra', { whitelistValidation: 'property extra should not exist' }),
      error('parent', undefined, [
        error('sneaky', { whitelistValidation: 'property sneaky should not exist' }),
      ]),
    ]);

    expect(exception.problems).toEqual([
      { field: 'extra', message: 'unknown field "extra"' },
      { field: 'parent.sneaky', message: 'unknown field "sneaky"' },
    ]);
    expect(exception.message).toBe('unknown field "extra"');
  });

  it('leaves messages that merely mention "should not exist" alone', () => {
    const message = 'the property extra should not exist here';
    const exception = ValidationFailedException.fromErrors([error('extra', { custom: message })]);
    expect(exception.problems).toEqual([{ field: 'extra', message }]);
  });

  it('falls back to a generic message when there are no problems', () => {
    const exception = ValidationFailedException.fromErrors([]);
    expect(exception.problems).toEqual([]);
    expect(exception.message).toBe('invalid request');
  });

  it('handles what class-validator really produces for nested and unknown fields', () => {
    const instance = plainToInstance(Parent, { count: 1, child: { name: 7, extra: true } });
    const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
    const exception = ValidationFailedException.fromErrors(errors);

    expect(exception.problems).toHaveLength(2);
    expect(exception.problems).toEqual(
      expect.arrayContaining([
        { field: 'child.name', message: 'name must be a string' },
        { field: 'child.extra', message: 'unknown field "extra"' },
      ]),
    );
    expect(exception.message).toBe(exception.problems[0].message);
  });
});
