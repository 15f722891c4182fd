import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';

export const isNotBlank = (value: unknown): boolean =>
  typeof value === 'string' && value.trim().length > 0;

/** A string with at least one non-whitespace character ("   " is as empty as ""). */
export function NotBlank(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'notBlank',
      validator: {
        validate: isNotBlank,
        defaultMessage: buildMessage((each) => `${each}$property must not be blank`, options),
      },
    },
    options,
  );
}
