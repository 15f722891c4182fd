import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AnalysisContext, ThoughtAnalysis } from '../../ai.types.js';
import { parseThoughtAnalysis } from '../../schemas/thought-analysis.schema.js';
import { LocalBackend } from '../local.backend.js';

interface Labelled {
  text: string;
  is_task: boolean;
  due_date: string | null;
  due_time: string | null;
}

const fixture = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../../../../test/fixtures/thoughts-labelled.json', import.meta.url)),
    'utf8',
  ),
) as {
  now: string;
  timezone: string;
  thoughts: Labelled[];
};

const context: AnalysisContext = {
  userId: 'u1',
  profile: { ongoingProjects: [], goals: [] },
  existingTags: [],
  timezone: fixture.timezone,
  now: new Date(fixture.now),
};

const ratio = (hits: number, total: number) => (total === 0 ? 1 : hits / total);

describe('local backend accuracy on the labelled thoughts', () => {
  it('detects tasks with precision and recall >= 0.85 and resolves >= 90% of due dates to the right day', async () => {
    const backend = new LocalBackend();
    const signal = new AbortController().signal;
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    let datesRight = 0;
    let datesLabelled = 0;
    let timesRight = 0;
    let timesLabelled = 0;
    let spuriousDates = 0;
    let undatedTasks = 0;
    const misses: string[] = [];
    for (const [i, item] of fixture.thoughts.entries()) {
      const thought = {
        id: `t${i}`,
        content: item.text,
        tags: [],
        createdAt: context.now,
        localOnly: false,
      };
      // Through the orchestrator's own schema, as production sees it.
      const analysis: ThoughtAnalysis = parseThoughtAnalysis(
        (await backend.analyzeThought(thought, context, signal)).output,
        thought,
      );
      const predicted = analysis.tasks.length > 0;
      if (predicted && item.is_task) truePositives += 1;
      if (predicted && !item.is_task) falsePositives += 1;
      if (!predicted && item.is_task) falseNegatives += 1;
      if (predicted !== item.is_task)
        misses.push(`${predicted ? 'false task' : 'missed task'}: ${item.text}`);
      const dated = analysis.tasks.find((task) => task.dueDate !== null);
      if (item.due_date !== null) {
        datesLabelled += 1;
        if (dated?.dueDate === item.due_date) datesRight += 1;
        else misses.push(`date ${dated?.dueDate ?? 'none'} for ${item.due_date}: ${item.text}`);
      } else if (item.is_task) {
        undatedTasks += 1;
        if (dated) {
          spuriousDates += 1;
          misses.push(`date ${dated.dueDate} for none: ${item.text}`);
        }
      }
      if (item.due_time !== null) {
        timesLabelled += 1;
        if (dated?.dueTime === item.due_time) timesRight += 1;
      }
    }
    const figures = {
      thoughts: fixture.thoughts.length,
      precision: ratio(truePositives, truePositives + falsePositives),
      recall: ratio(truePositives, truePositives + falseNegatives),
      dueDateAccuracy: ratio(datesRight, datesLabelled),
      dueTimeAccuracy: ratio(timesRight, timesLabelled),
      datesLabelled,
      timesLabelled,
      spuriousDates,
      spuriousDateRate: ratio(spuriousDates, undatedTasks),
    };
    // eslint-disable-next-line no-console -- the issue asks this test to print its figures
    console.log(`local backend accuracy ${JSON.stringify(figures, null, 2)}\n${misses.join('\n')}`);
    expect(fixture.thoughts.length).toBeGreaterThanOrEqual(70);
    expect(figures.precision).toBeGreaterThanOrEqual(0.85);
    expect(figures.recall).toBeGreaterThanOrEqual(0.85);
    expect(figures.dueDateAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(figures.dueTimeAccuracy).toBeGreaterThanOrEqual(0.9);
    // A task with no date in its words must not get one invented (an alarm nobody asked for).
    expect(undatedTasks).toBeGreaterThanOrEqual(20);
    expect(figures.spuriousDateRate).toBeLessThanOrEqual(0.1);
  });
});
