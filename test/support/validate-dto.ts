import { expect } from '@jest/globals';
import { type ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import {
  type FieldProblem,
  ValidationFailedException,
} from '../../src/common/errors/validation-failed.exception.js';

/**
 * A body or query as the global ValidationPipe (app.setup.ts) turns and checks it, with the
 * same options: the instance it builds and the problems a 400 would name.
 */
export function validateDto<T extends object>(
  type: ClassConstructor<T>,
  plain: object,
): { dto: T; problems: FieldProblem[] } {
  const dto = plainToInstance(type, plain);
  const errors = validateSync(dto, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  return { dto, problems: ValidationFailedException.fromErrors(errors).problems };
}

/** The messages a 400 would carry for `plain`. */
export const dtoMessages = (type: ClassConstructor<object>, plain: object): string[] =>
  validateDto(type, plain).problems.map((problem) => problem.message);

/**
 * A query flag reads "true" and "false" and nothing else: "1", "yes" or another case is a 400
 * naming the flag, never a guess.
 */
export function expectTrueOrFalseOnly(type: ClassConstructor<object>, flag: string): void {
  const read = (value: string) => (validateDto(type, { [flag]: value }).dto as never)[flag];
  expect(read('true')).toBe(true);
  expect(read('false')).toBe(false);
  for (const value of ['1', 'yes', 'TRUE', ''])
    expect(dtoMessages(type, { [flag]: value })).toEqual([`${flag} must be true or false`]);
}
