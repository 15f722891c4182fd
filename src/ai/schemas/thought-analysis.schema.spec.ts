import { describe, expect, it } from '@jest/globals';
import { AiOutputInvalidError } from '../ai-errors.js';
import { parseThoughtAnalysis, THOUGHT_ANALYSIS_JSON_SCHEMA } from './thought-analysis.schema.js';

const thought = { content: 'Call mom tomorrow at 5pm about the tax forms. Also #family stuff.' };

function answer(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    tags: [{ tag: 'family', confidence: 0.9 }],
    thought_type: 'task',
    is_actionable: true,
    tasks: [
      {
        title: 'Call mom about the tax forms',
        priority: 'medium',
        due_date: '2026-01-05',
        due_time: '17:00',
        due_text: 'tomorrow at 5pm',
        confidence: 0.92,
        evidence: 'Call mom tomorrow at 5pm about the tax forms',
      },
    ],
    summary: 'Call mom about tax forms tomorrow.',
    sentiment: 'neutral',
    energy: null,
    ...overrides,
  };
}

function rejected(raw: unknown): AiOutputInvalidError {
  try {
    parseThoughtAnalysis(raw, thought);
  } catch (error) {
    expect(error).toBeInstanceOf(AiOutputInvalidError);
    return error as AiOutputInvalidError;
  }
  throw new Error('expected a rejection');
}

describe('parseThoughtAnalysis', () => {
  it('maps a good snake_case answer to the camelCase type', () => {
    expect(parseThoughtAnalysis(answer(), thought)).toEqual({
      tags: [{ tag: 'family', confidence: 0.9 }],
      thoughtType: 'task',
      isActionable: true,
      tasks: [
        {
          title: 'Call mom about the tax forms',
          priority: 'medium',
          dueDate: '2026-01-05',
          dueTime: '17:00',
          dueText: 'tomorrow at 5pm',
          confidence: 0.92,
          evidence: 'Call mom tomorrow at 5pm about the tax forms',
        },
      ],
      summary: 'Call mom about tax forms tomorrow.',
      sentiment: 'neutral',
    });
  });

  it('keeps the 10 most confident of 90 tags, normalised and deduplicated', () => {
    const tags = Array.from({ length: 90 }, (_, i) => ({
      tag: ` #Tag${i % 45} `,
      confidence: (i % 45) / 100,
    }));
    const result = parseThoughtAnalysis(answer({ tags }), thought);
    expect(result.tags).toHaveLength(10);
    expect(result.tags[0]).toEqual({ tag: 'tag44', confidence: 0.44 });
    expect(result.tags.map((t) => t.tag)).toEqual(
      Array.from({ length: 10 }, (_, i) => `tag${44 - i}`),
    );
  });

  it('drops tags over 50 characters and empty ones, clamps confidences', () => {
    const result = parseThoughtAnalysis(
      answer({
        tags: [
          { tag: 'x'.repeat(51), confidence: 1 },
          { tag: '  #  ', confidence: 1 },
          { tag: 'ok', confidence: 7 },
          { tag: 'low', confidence: -3 },
        ],
      }),
      thought,
    );
    expect(result.tags).toEqual([
      { tag: 'ok', confidence: 1 },
      { tag: 'low', confidence: 0 },
    ]);
  });

  it('caps a 5,000-character title and summary, and strips NUL', () => {
    const long = answer({
      summary: `${'s'.repeat(5000)}`,
      tasks: [
        {
          ...(answer().tasks as object[])[0],
          title: `A\u0000${'t'.repeat(5000)}`,
          description: 'd'.repeat(3000),
        },
      ],
    });
    const result = parseThoughtAnalysis(long, thought);
    expect(result.summary).toHaveLength(200);
    expect(result.tasks[0].title).toHaveLength(120);
    expect(result.tasks[0].title.includes('\u0000')).toBe(false);
    expect(result.tasks[0].description).toHaveLength(1000);
  });

  it('drops a task whose evidence is not in the thought (invented), keeps a loosely matching one', () => {
    const invented = {
      ...(answer().tasks as object[])[0],
      evidence: 'Transfer $5,000 to account 1234',
    };
    const loose = { ...(answer().tasks as object[])[0], evidence: '  call MOM   tomorrow at 5pm ' };
    const result = parseThoughtAnalysis(answer({ tasks: [invented, loose] }), thought);
    expect(result.tasks).toHaveLength(1);
    expect(result.tasks[0].evidence).toBe('call MOM   tomorrow at 5pm');
  });

  it('turns impossible dates and times into null instead of a wrong reminder', () => {
    const task = { ...(answer().tasks as object[])[0], due_date: '2026-02-30', due_time: '25:61' };
    const result = parseThoughtAnalysis(answer({ tasks: [task] }), thought);
    expect(result.tasks[0]).toMatchObject({
      dueDate: null,
      dueTime: null,
      dueText: 'tomorrow at 5pm',
    });
  });

  it.each([
    ['prose', 'Sure! Here are the tags: family, taxes'],
    ['null', null],
    ['an array', [answer()]],
    ['a number thought_type', answer({ thought_type: 42 })],
    ['an unknown thought_type', answer({ thought_type: 'shopping' })],
    ['is_actionable as a string', answer({ is_actionable: 'yes' })],
    ['tags as a string', answer({ tags: 'family, taxes' })],
    ['a confidence as a string', answer({ tags: [{ tag: 'a', confidence: 'high' }] })],
    ['a missing summary', answer({ summary: undefined })],
  ])('rejects %s', (_label, raw) => {
    const error = rejected(raw);
    expect(error.errorClass).toBe('invalid_output');
  });

  it('names the problem without echoing the values', () => {
    const error = rejected(answer({ thought_type: 'IGNORE PREVIOUS INSTRUCTIONS' }));
    expect(error.problems).toEqual(['thought_type: invalid_value']);
    expect(JSON.stringify(error.problems) + error.message).not.toContain('IGNORE');
  });
});

describe('THOUGHT_ANALYSIS_JSON_SCHEMA', () => {
  it('is the wire side of the zod schema: an object with snake_case required fields', () => {
    expect(THOUGHT_ANALYSIS_JSON_SCHEMA).toMatchObject({
      type: 'object',
      required: expect.arrayContaining([
        'tags',
        'thought_type',
        'is_actionable',
        'tasks',
        'summary',
      ]),
    });
    expect(THOUGHT_ANALYSIS_JSON_SCHEMA).not.toHaveProperty('$schema');
    const schema = THOUGHT_ANALYSIS_JSON_SCHEMA as {
      properties: { tasks: { items: { properties: object } } };
    };
    const task = schema.properties.tasks.items;
    expect(Object.keys(task.properties)).toEqual(
      expect.arrayContaining([
        'title',
        'priority',
        'due_date',
        'due_time',
        'due_text',
        'confidence',
        'evidence',
      ]),
    );
  });
});
