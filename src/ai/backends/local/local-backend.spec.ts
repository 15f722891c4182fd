import { describe, expect, it } from '@jest/globals';
import type { AnalysisContext, ThoughtAnalysis, ThoughtForAnalysis } from '../../ai.types.js';
import { parseThoughtAnalysis } from '../../schemas/thought-analysis.schema.js';
import { LocalBackend } from '../local.backend.js';

const context: AnalysisContext = {
  userId: 'u1',
  profile: { ongoingProjects: [{ name: 'Garden shed', status: 'active' }], goals: [] },
  existingTags: ['insurance', 'family'],
  timezone: 'Europe/Berlin',
  now: new Date('2026-03-04T15:30:00Z'),
};
const signal = new AbortController().signal;
const thought = (content: string): ThoughtForAnalysis => ({
  id: 't1',
  content,
  tags: [],
  createdAt: context.now,
  localOnly: false,
});

async function analyze(content: string, backend = new LocalBackend()): Promise<ThoughtAnalysis> {
  const answer = await backend.analyzeThought(thought(content), context, signal);
  return parseThoughtAnalysis(answer.output, thought(content));
}

describe('LocalBackend', () => {
  it('is an always-configured, offline backend', () => {
    const backend = new LocalBackend();
    expect(backend.name).toBe('local');
    expect(backend.isCloud).toBe(false);
    expect(backend.isConfigured()).toBe(true);
  });

  it('answers in the wire shape the orchestrator validates, with its model and version and no tokens', async () => {
    const answer = await new LocalBackend().analyzeThought(
      thought('Pick up groceries and then call the insurance about the claim'),
      context,
      signal,
    );
    expect(answer).toMatchObject({
      model: 'wink-eng-lite-web-model@1.8.1',
      usage: { inputTokens: 0, outputTokens: 0 },
      promptVersion: 'local-v1',
    });
    const analysis = parseThoughtAnalysis(
      answer.output,
      thought('Pick up groceries and then call the insurance about the claim'),
    );
    expect(analysis.thoughtType).toBe('task');
    expect(analysis.isActionable).toBe(true);
    expect(analysis.tasks.map((t) => t.title)).toEqual([
      'Pick up groceries',
      'Call the insurance about the claim',
    ]);
    expect(analysis.tasks[1].evidence).toBe('call the insurance about the claim');
    expect(analysis.tags.map((t) => t.tag)).toContain('insurance');
  });

  it('is deterministic: same input and now, same output, from any instance', async () => {
    const content =
      "Don't forget to pay the electricity bill by Friday noon! Also the garden shed roof leaks 😩";
    const first = await new LocalBackend().analyzeThought(thought(content), context, signal);
    const second = await new LocalBackend().analyzeThought(thought(content), context, signal);
    expect(second).toEqual(first);
    expect(await analyze(content)).toEqual(await analyze(content));
  });

  it('turns filler, dates and priority words into a clean task', async () => {
    const [task] = (
      await analyze('ugh, I really need to call the plumber asap!! the kitchen is flooding')
    ).tasks;
    expect(task).toMatchObject({ title: 'Call the plumber', priority: 'urgent', dueDate: null });
    const [dated] = (await analyze('Remind me to send the invoice to Clara tomorrow at 5pm')).tasks;
    expect(dated).toMatchObject({
      title: 'Send the invoice to Clara',
      priority: 'high',
      dueDate: '2026-03-05',
      dueTime: '17:00',
      dueText: 'tomorrow at 5pm',
    });
    expect(dated.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it.each([
    ['Fix the squeaky hinge someday', 'low'],
    ['Important: renew the passport', 'high'],
    ['Renew the passport', 'medium'],
    ['Renew the passport in two weeks', 'medium'],
    ['Renew the passport tomorrow', 'high'],
  ])('"%s" has priority %s', async (content, priority) => {
    expect((await analyze(content)).tasks[0]?.priority).toBe(priority);
  });

  it('calibrates confidence by how explicit the to-do is', async () => {
    const confidence = async (content: string) =>
      (await analyze(content)).tasks[0]?.confidence ?? 0;
    expect(await confidence("Don't forget to call mom")).toBeGreaterThanOrEqual(0.9);
    expect(await confidence('Call mom')).toBeCloseTo(0.75, 2);
    expect(await confidence('I should call mom')).toBeCloseTo(0.62, 2);
    expect(await confidence('I should call mom')).toBeLessThan(
      await confidence('I need to call mom'),
    );
  });

  it.each([
    ['What if we built an app that tracks sleep?', 'idea'],
    ['Why do I always procrastinate?', 'question'],
    ["I'm anxious about the presentation", 'reflection'],
    ['Remember to water the plants', 'reminder'],
    ['Wifi password for the cabin is on the fridge', 'observation'],
  ])('"%s" is a(n) %s and not actionable unless it holds a task', async (content, type) => {
    const analysis = await analyze(content);
    expect(analysis.thoughtType).toBe(type);
    expect(analysis.isActionable).toBe(analysis.tasks.length > 0);
  });

  it('writes a one-line summary and reads sentiment and energy', async () => {
    const analysis = await analyze(
      `So exhausted and stressed today.\nThe  report is late again and ${'really '.repeat(60)}long.`,
    );
    expect(analysis.summary).toBe('So exhausted and stressed today.');
    expect(analysis.sentiment).toBe('negative');
    expect(analysis.energy).toBe('low');
    const long = await analyze('word '.repeat(100));
    expect(long.summary.length).toBeLessThanOrEqual(200);
  });

  it('refuses to work for an aborted call', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      new LocalBackend().analyzeThought(thought('Call mom'), context, controller.signal),
    ).rejects.toMatchObject({ errorClass: 'aborted' });
  });
});
