import { describe, expect, it } from '@jest/globals';
import { titleFromThought } from './task-title.js';

describe('titleFromThought', () => {
  it('takes the first sentence or line', () => {
    expect(titleFromThought('Book the dentist. She said March.')).toBe('Book the dentist.');
    expect(titleFromThought('Groceries\nmilk, eggs')).toBe('Groceries');
  });

  it('cuts a long first sentence at a word boundary, at most 200 characters', () => {
    const title = titleFromThought(`${'word '.repeat(60)}end`);
    expect([...title].length).toBeLessThanOrEqual(200);
    expect(title.endsWith('word…')).toBe(true);
  });

  it('cuts a long unbroken string anywhere rather than returning nothing', () => {
    const title = titleFromThought('x'.repeat(500));
    expect(title).toBe(`${'x'.repeat(199)}…`);
  });
});
