import { BadRequestException, type ValidationError } from '@nestjs/common';

export interface FieldProblem {
  field: string;
  message: string;
}

/** A 400 whose details name each offending field, built from class-validator's errors. */
export class ValidationFailedException extends BadRequestException {
  constructor(readonly problems: FieldProblem[]) {
    super(problems[0]?.message ?? 'invalid request');
  }

  static fromErrors(errors: ValidationError[]): ValidationFailedException {
    return new ValidationFailedException(flatten(errors));
  }
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      // whitelist errors read "property x should not exist": say it plainly.
      message: message.replace(/^property (\S+) should not exist$/, 'unknown field "$1"'),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
