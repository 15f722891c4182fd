import { describe, expect, it } from '@jest/globals';
import { listing, pageOutcome, READS, writes } from './tool-shapes.js';

describe('MCP tool shapes', () => {
  it('lists one line per item under a heading, or says there are none', () => {
    const line = (n: number) => `- ${n}`;
    expect(listing([1, 2], '2 number(s)', line, 'None.')).toBe('2 number(s):\n- 1\n- 2');
    expect(listing([], '0 number(s)', line, 'None.')).toBe('None.');
  });

  it('tells the model how to ask for the next page only when there is one', () => {
    expect(pageOutcome('1 task(s):\n- a', ['a'], 'c1')).toEqual({
      text: '1 task(s):\n- a\nMore: call again with cursor "c1".',
      data: { items: ['a'], next_cursor: 'c1' },
    });
    expect(pageOutcome('No tasks match.', [], null)).toEqual({
      text: 'No tasks match.',
      data: { items: [], next_cursor: null },
    });
  });

  it('declares read tools read-only for read keys, and write hints false unless given', () => {
    // Read-only: like a write that is idempotent, but flagged as reading only.
    expect(READS).toEqual({
      annotations: { ...writes({ idempotent: true }), readOnlyHint: true },
      narrowScope: 'read',
    });
    expect(writes()).toEqual({
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
      openWorldHint: false,
    });
    expect(writes({ destructive: true, openWorld: true })).toEqual({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: false,
      openWorldHint: true,
    });
  });
});
