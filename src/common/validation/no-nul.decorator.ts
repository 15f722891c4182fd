import { Matches } from 'class-validator';

/** PostgreSQL rejects NUL in text and jsonb: refuse it as a 400 rather than a 500. */
export const NoNul = () =>
  // eslint-disable-next-line no-control-regex
  Matches(/^[^\u0000]*$/, { message: '$property must not contain NUL characters', each: true });
