/**
 * The scoreboard's arithmetic. Every backend's answer goes through the orchestrator's own
 * schemas first, so what is scored is what production would store.
 */
import type {
  AiBackend,
  ConsciousnessInput,
  ConsciousnessResult,
  ThoughtAnalysis,
  ThoughtForAnalysis,
} from '../../src/ai/ai.types.js';
import { parseConsciousnessResult } from '../../src/ai/schemas/consciousness.schema.js';
import { parseThoughtAnalysis } from '../../src/ai/schemas/thought-analysis.schema.js';
import type { Expected, Scenario, ThoughtSet } from './data-files.js';

const DAY_MS = 86_400_000;
const signal = new AbortController().signal;
export const ratio = (hits: number, total: number) => (total === 0 ? Number.NaN : hits / total);
const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

/**
 * How a tag is spelled with its separators, case and plural taken away: "Cyber-Security",
 * "cyber security" and "cybersecurity" are one word. Written here, not borrowed from the
 * backend, so the measure does not share the rules it judges.
 */
export function spellingKey(tag: string): string {
  const joined = tag.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  if (/(?:ss|us|is)$/.test(joined) || joined.length <= 3) return joined;
  if (/ies$/.test(joined)) return `${joined.slice(0, -3)}y`;
  return joined.replace(/(?:(?<=(?:ch|sh|x))es|s)$/, '');
}

export interface ThoughtScores {
  tasks: { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number };
  due: { right: number; labelled: number; accuracy: number };
  tags: {
    inSet: number;
    total: number;
    share: number;
    variants: number;
    covered: number;
    thoughts: number;
  };
  misses: string[];
}

export async function scoreThoughts(backend: AiBackend, set: ThoughtSet): Promise<ThoughtScores> {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let dueRight = 0;
  let dueLabelled = 0;
  let inSet = 0;
  let total = 0;
  let variants = 0;
  let covered = 0;
  const misses: string[] = [];
  for (const item of set.thoughts) {
    const vocabulary = new Map(item.vocabulary.map((tag) => [spellingKey(tag), tag]));
    const thought: ThoughtForAnalysis = {
      id: `line-${item.line}`,
      content: item.text,
      tags: [],
      createdAt: item.now,
      localOnly: false,
    };
    const context = {
      userId: 'eval',
      profile: { ongoingProjects: [], goals: [] },
      existingTags: item.vocabulary,
      timezone: item.timezone,
      now: item.now,
    };
    const answer = await backend.analyzeThought(thought, context, signal);
    const analysis: ThoughtAnalysis = parseThoughtAnalysis(answer.output, thought);
    const where = `${set.name}:${item.line}`;
    const predicted = analysis.tasks.length > 0;
    if (predicted && item.isTask) tp += 1;
    if (predicted && !item.isTask) fp += 1;
    if (!predicted && item.isTask) fn += 1;
    if (predicted !== item.isTask)
      misses.push(`${where} ${predicted ? 'false task' : 'missed task'}: ${item.text}`);
    if (item.isTask && item.dueDate !== null) {
      dueLabelled += 1;
      const task = analysis.tasks.find((t) => t.dueDate !== null) ?? analysis.tasks[0];
      if (task?.dueDate === item.dueDate && (task?.dueTime ?? null) === item.dueTime) dueRight += 1;
      else
        misses.push(
          `${where} due ${task?.dueDate ?? '-'} ${task?.dueTime ?? ''} for ${item.dueDate} ${item.dueTime ?? ''}: ${item.text}`,
        );
    }
    const tags = analysis.tags.map((t) => t.tag.toLowerCase());
    const good = tags.filter((tag) => item.acceptableTags.includes(tag));
    inSet += good.length;
    total += tags.length;
    if (good.length > 0) covered += 1;
    const bad = tags.filter((tag) => !item.acceptableTags.includes(tag));
    if (bad.length > 0)
      misses.push(`${where} tags [${bad.join(', ')}] not in [${item.acceptableTags.join(', ')}]`);
    for (const tag of tags) {
      const existing = vocabulary.get(spellingKey(tag));
      if (existing !== undefined && existing !== tag) {
        variants += 1;
        misses.push(`${where} variant "${tag}" of vocabulary tag "${existing}"`);
      }
    }
  }
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  return {
    tasks: { tp, fp, fn, precision, recall, f1: f1(precision, recall) },
    due: { right: dueRight, labelled: dueLabelled, accuracy: ratio(dueRight, dueLabelled) },
    tags: {
      inSet,
      total,
      share: ratio(inSet, total),
      variants,
      covered,
      thoughts: set.thoughts.length,
    },
    misses,
  };
}

/** The input the consciousness service would build: a week of new thoughts, two weeks of trend. */
export function scenarioInput(scenario: Scenario): ConsciousnessInput {
  const end = scenario.now.getTime();
  const thoughts: ThoughtForAnalysis[] = scenario.thoughts.map((t) => ({
    ...t,
    tags: [],
    localOnly: false,
  }));
  const windowStart = new Date(end - 7 * DAY_MS);
  return {
    userId: 'eval',
    recentThoughts: thoughts.filter((t) => t.createdAt > windowStart),
    trendThoughts: thoughts.filter((t) => t.createdAt.getTime() > end - 14 * DAY_MS),
    openTasks: [],
    profile: {
      ongoingProjects: scenario.projects.map((p) => ({
        name: p.name,
        status: p.status,
        tags: p.tags,
        aliases: p.aliases,
      })),
      goals: [],
    },
    timezone: scenario.timezone,
    windowStart,
    windowEnd: scenario.now,
    now: scenario.now,
  };
}

const names = (title: string, words: string[]) =>
  words.some((word) =>
    new RegExp(`\\b${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'i').test(title),
  );

function matchExpected(found: string[], expected: Expected[]) {
  return expected.filter((e) => found.some((title) => names(title, e.words))).length;
}

export interface ScenarioScores {
  themes: {
    expected: number;
    recalled: number;
    found: number;
    fitting: number;
    recall: number;
    precision: number;
  };
  stalled: { expected: number; found: number; right: number; precision: number; recall: number };
  loops: { expected: number; recalled: number; found: number; recall: number };
  misses: string[];
}

export async function scoreScenarios(
  backend: AiBackend,
  scenarios: Scenario[],
): Promise<ScenarioScores> {
  const s: ScenarioScores = {
    themes: { expected: 0, recalled: 0, found: 0, fitting: 0, recall: 0, precision: 0 },
    stalled: { expected: 0, found: 0, right: 0, precision: 0, recall: 0 },
    loops: { expected: 0, recalled: 0, found: 0, recall: 0 },
    misses: [],
  };
  for (const scenario of scenarios) {
    const input = scenarioInput(scenario);
    const known = new Set(input.trendThoughts.map((t) => t.id));
    const answer = await backend.consciousnessCheck(input, signal);
    const result: ConsciousnessResult = parseConsciousnessResult(answer.output, known);
    const titles = (kind: string) =>
      result.patterns.filter((p) => p.kind === kind).map((p) => p.title);
    const themes = titles('recurring_theme');
    s.themes.expected += scenario.themes.length;
    s.themes.recalled += matchExpected(themes, scenario.themes);
    s.themes.found += themes.length;
    const allowed = [...scenario.themes.flatMap((t) => t.words), ...scenario.allowedThemes];
    for (const title of themes)
      if (names(title, allowed)) s.themes.fitting += 1;
      else s.misses.push(`${scenario.name} unexpected theme: ${title}`);
    for (const theme of scenario.themes)
      if (!themes.some((title) => names(title, theme.words)))
        s.misses.push(`${scenario.name} missed theme: ${theme.name}`);
    const stalled = titles('stalled_project');
    const stalledNames = scenario.projects
      .map((p) => p.name)
      .filter((name) => stalled.some((title) => title.toLowerCase().includes(name.toLowerCase())));
    s.stalled.expected += scenario.stalled.length;
    s.stalled.found += stalled.length;
    s.stalled.right += stalledNames.filter((name) => scenario.stalled.includes(name)).length;
    for (const name of stalledNames)
      if (!scenario.stalled.includes(name))
        s.misses.push(`${scenario.name} wrongly stalled: ${name}`);
    for (const name of scenario.stalled)
      if (!stalledNames.includes(name)) s.misses.push(`${scenario.name} missed stalled: ${name}`);
    const loops = titles('open_loop');
    s.loops.expected += scenario.loops.length;
    s.loops.recalled += matchExpected(loops, scenario.loops);
    s.loops.found += loops.length;
    for (const loop of scenario.loops)
      if (!loops.some((title) => names(title, loop.words)))
        s.misses.push(`${scenario.name} missed loop: ${loop.name}`);
  }
  s.themes.recall = ratio(s.themes.recalled, s.themes.expected);
  // No finding at all is no wrong finding.
  s.themes.precision = s.themes.found === 0 ? 1 : s.themes.fitting / s.themes.found;
  s.stalled.precision = s.stalled.found === 0 ? 1 : s.stalled.right / s.stalled.found;
  s.stalled.recall = ratio(s.stalled.right, s.stalled.expected);
  s.loops.recall = ratio(s.loops.recalled, s.loops.expected);
  return s;
}

/**
 * One check over 500 thoughts: every labelled text, written over two weeks, with a scenario's
 * profile. Warmed up first (model load and JIT are start-up costs, not a check's), then the
 * median of three runs: wall time, and the process's CPU time, which a busy shared machine
 * does not inflate.
 */
export async function timeCheck(
  backend: AiBackend,
  sets: ThoughtSet[],
  scenario: Scenario,
): Promise<{ wallMs: number; cpuMs: number }> {
  const texts = sets.flatMap((set) => set.thoughts.map((t) => t.text));
  const end = scenario.now.getTime();
  const thoughts: ThoughtForAnalysis[] = Array.from({ length: 500 }, (_, i) => ({
    id: `bulk-${i}`,
    content: texts[i % texts.length],
    tags: [],
    createdAt: new Date(end - Math.round(((i + 1) / 500) * 14 * DAY_MS)),
    localOnly: false,
  }));
  const base = scenarioInput(scenario);
  const input: ConsciousnessInput = {
    ...base,
    recentThoughts: thoughts.filter((t) => t.createdAt > base.windowStart),
    trendThoughts: thoughts,
  };
  await backend.consciousnessCheck(input, signal);
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await backend.consciousnessCheck(input, signal);
    walls.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[1];
  return { wallMs: median(walls), cpuMs: median(cpus) };
}
