/**
 * Readers for the labelled data in eval/data. The formats are plain text so that a person can
 * write and review hundreds of labels quickly; README "Evaluation" describes them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, localDateOf, zoneOffsetMinutes } from '../../src/ai/backends/local/zone.js';

export interface LabelledThought {
  line: number;
  text: string;
  isTask: boolean;
  dueDate: string | null;
  dueTime: string | null;
  acceptableTags: string[];
  /** The block's context: a later "# now:"/"# timezone:"/"# vocabulary:" header starts a block. */
  now: Date;
  timezone: string;
  vocabulary: string[];
}

export interface ThoughtSet {
  name: string;
  now: Date;
  timezone: string;
  vocabulary: string[];
  thoughts: LabelledThought[];
}

export interface ScenarioProject {
  name: string;
  status: 'active' | 'paused' | 'done';
  tags: string[];
  aliases: string[];
}

/** An expected finding: its name and the words any of which, in a finding's title, names it. */
export interface Expected {
  name: string;
  words: string[];
}

export interface Scenario {
  name: string;
  about: string;
  timezone: string;
  now: Date;
  projects: ScenarioProject[];
  themes: Expected[];
  allowedThemes: string[];
  stalled: string[];
  loops: Expected[];
  thoughts: { id: string; content: string; createdAt: Date }[];
}

const list = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter(Boolean);

const header = (lines: string[], key: string): string | undefined =>
  lines
    .map((line) => new RegExp(`^#\\s*${key}:\\s*(.*)$`).exec(line)?.[1])
    .find((value) => value !== undefined);

export function readThoughtSet(path: string, name: string): ThoughtSet {
  const lines = readFileSync(path, 'utf8').split('\n');
  const now = header(lines, 'now');
  const timezone = header(lines, 'timezone');
  if (!now || !timezone) throw new Error(`${path}: needs "# now:" and "# timezone:" lines`);
  const thoughts: LabelledThought[] = [];
  // Each header line holds until the next one, so one file can hold writers of several zones.
  const block = { now, timezone, vocabulary: header(lines, 'vocabulary') ?? '' };
  lines.forEach((raw, index) => {
    const key = /^#\s*(now|timezone|vocabulary):\s*(.*)$/.exec(raw);
    if (key) block[key[1] as keyof typeof block] = key[2];
    if (!/^[TN] \|/.test(raw)) return;
    const [kind, due, text, tags] = raw.split('|').map((part) => part.trim());
    if (text === undefined || tags === undefined)
      throw new Error(`${path}:${index + 1}: needs four fields`);
    const [dueDate, dueTime] =
      due === '-' ? [null, null] : [due.slice(0, 10), due.length > 10 ? due.slice(11) : null];
    thoughts.push({
      line: index + 1,
      text: text.replace(/\\n/g, '\n'),
      isTask: kind === 'T',
      dueDate,
      dueTime,
      acceptableTags: list(tags),
      now: new Date(block.now),
      timezone: block.timezone,
      vocabulary: list(block.vocabulary),
    });
  });
  return {
    name,
    now: new Date(now),
    timezone,
    vocabulary: list(header(lines, 'vocabulary') ?? ''),
    thoughts,
  };
}

/** The instant of a wall-clock time `days` from now's local date in `timeZone`. */
export function zonedInstant(timeZone: string, now: Date, days: number, time: string): Date {
  const [y, m, d] = addDays(localDateOf(timeZone, now), days).split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hour, minute);
  // The offset at the wall time read as UTC is right except within an hour of a DST change.
  return new Date(wall - zoneOffsetMinutes(timeZone, new Date(wall)) * 60_000);
}

function project(value: string): ScenarioProject {
  const [name, status, ...rest] = value.split('|').map((part) => part.trim());
  const field = (key: string) =>
    list(rest.find((part) => part.startsWith(`${key}:`))?.slice(key.length + 1) ?? '');
  return {
    name,
    status: status as ScenarioProject['status'],
    tags: field('tags'),
    aliases: field('aliases'),
  };
}

function expected(value: string): Expected {
  const [name, words] = value.split('=').map((part) => part.trim());
  return { name, words: words ? list(words) : [name.toLowerCase()] };
}

export function readScenario(path: string, name: string): Scenario {
  const [head, body] = readFileSync(path, 'utf8').split(/^---$/m);
  const lines = head.split('\n');
  const values = (key: string) =>
    lines
      .filter((line) => line.startsWith(`${key}:`))
      .map((line) => line.slice(key.length + 1).trim());
  const timezone = values('timezone')[0];
  const now = new Date(values('now')[0]);
  const thoughts = body
    .split('\n')
    .filter((line) => /^-?\d+ \d\d:\d\d \|/.test(line))
    .map((line, index) => {
      const match = /^(-?\d+) (\d\d:\d\d) \| (.*)$/.exec(line);
      if (!match) throw new Error(`${path}: bad line ${line}`);
      return {
        id: `${name}-${index + 1}`,
        content: match[3].replace(/\\n/g, '\n'),
        createdAt: zonedInstant(timezone, now, Number(match[1]), match[2]),
      };
    });
  return {
    name,
    about: lines.find((line) => line.startsWith('#'))?.replace(/^#\s*/, '') ?? '',
    timezone,
    now,
    projects: values('project').map(project),
    themes: values('theme').map(expected),
    allowedThemes: values('allow theme').flatMap(list),
    stalled: values('stalled').flatMap((value) => value.split(',').map((item) => item.trim())),
    loops: values('loop').map(expected),
    thoughts,
  };
}

export function readScenarios(dir: string): Scenario[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .map((file) => readScenario(join(dir, file), file.replace(/\.txt$/, '')));
}
