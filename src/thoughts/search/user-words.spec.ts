import { describe, expect, it } from '@jest/globals';
import { parseTsquery, tsqueryWords, wordsIndexQuery } from './user-words.js';

const USER = '03913DAC-438c-4aad-949d-2edd706ce162';
const counts = (documents: Record<string, number>, thoughts = 10_000) => ({ thoughts, documents });

describe('parseTsquery', () => {
  it("reads PostgreSQL's text form: precedence, phrases, NOT, escapes", () => {
    expect(parseTsquery("'tax' <-> 'form' & !'mom' | 'bank'")).toEqual({
      op: 'or',
      args: [
        {
          op: 'and',
          args: [
            {
              op: 'and',
              args: [
                { op: 'word', word: 'tax', plain: true },
                { op: 'word', word: 'form', plain: true },
              ],
            },
            { op: 'not', arg: { op: 'word', word: 'mom', plain: true } },
          ],
        },
        { op: 'word', word: 'bank', plain: true },
      ],
    });
    expect(parseTsquery("'it''s' & 'a\\\\b':* & !( 'c' | 'd' )")).toMatchObject({
      args: [
        { word: "it's", plain: true },
        { word: 'a\\b', plain: false },
        { op: 'not', arg: { op: 'or' } },
      ],
    });
    expect(parseTsquery('')).toBeNull();
  });

  it('lists the words once each', () => {
    expect(tsqueryWords("'a' & ( 'b' | 'a' ) & !'c'")).toEqual(['a', 'b', 'c']);
    expect(tsqueryWords(null)).toEqual([]);
  });
});

describe('wordsIndexQuery', () => {
  it('uses the index when the words together are rare for this user, with their keys prefixed by the user', () => {
    // 10,000 × 0.69 × 0.19 × 0.31 ≈ 400 matches: reading them beats walking all 10,000 thoughts.
    expect(
      wordsIndexQuery(
        USER,
        "'meet' & 'budget' & 'review'",
        counts({ meet: 6937, budget: 1874, review: 3057 }),
      ),
    ).toBe("('03913dacmeet' & '03913dacbudget' & '03913dacreview')");
    expect(wordsIndexQuery(USER, "'zyzzyva'", counts({}))).toBe("'03913daczyzzyva'");
  });

  it('walks the newest thoughts when the words are common: 500 matches come sooner than all of them', () => {
    expect(wordsIndexQuery(USER, "'call'", counts({ call: 8482 }))).toBeNull();
    expect(wordsIndexQuery(USER, "'call' & 'meet'", counts({ call: 8482, meet: 6937 }))).toBeNull();
    expect(
      wordsIndexQuery(USER, "'aquarium' | 'call'", counts({ aquarium: 40, call: 8482 })),
    ).toBeNull();
  });

  it('asks the index only for words every match has: NOT left to the row filter, a phrase as AND', () => {
    expect(
      wordsIndexQuery(
        USER,
        "'tax' <-> 'form' & !'mom' | 'bank'",
        counts({ tax: 10, form: 10, bank: 10, mom: 10 }),
      ),
    ).toBe("(('03913dactax' & '03913dacform') | '03913dacbank')");
    expect(wordsIndexQuery(USER, "'it''s' & 'a\\\\b'", counts({}))).toBe(
      "('03913dacit''s' & '03913daca\\\\b')",
    );
  });

  it('never asks the index for a query without a required word (it would read every user)', () => {
    expect(wordsIndexQuery(USER, "!'call'", counts({ call: 9990 }))).toBeNull();
    expect(wordsIndexQuery(USER, "'tax' | !'mom'", counts({ tax: 1, mom: 9999 }))).toBeNull();
    expect(wordsIndexQuery(USER, "'tax':*", counts({}))).toBeNull();
    expect(wordsIndexQuery(USER, `'${'x'.repeat(2040)}'`, counts({}))).toBeNull();
    expect(wordsIndexQuery(USER, '', counts({}))).toBeNull();
  });
});
