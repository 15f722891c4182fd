import { beforeAll, describe, expect, it } from '@jest/globals';
import { loadNlp, readText, type Nlp } from './nlp.js';
import { extractTags, type TagVocabulary } from './tags.js';
import { STOP_WORDS } from './lexicon.js';

let nlp: Nlp;
beforeAll(async () => {
  nlp = await loadNlp();
});

const tagsOf = (text: string, vocabulary: Partial<TagVocabulary> = {}) =>
  extractTags(readText(nlp, text), { existingTags: [], projects: [], ...vocabulary }).map(
    (t) => t.tag,
  );

describe('extractTags', () => {
  it('finds noun phrases and names, singular and lower-case', () => {
    const tags = tagsOf('Email Sam the slides from the design workshop');
    expect(tags).toEqual(expect.arrayContaining(['sam', 'slide', 'design workshop']));
    expect(tags).not.toContain('email');
  });

  it('reuses an existing tag written with another number, hyphen or spacing', () => {
    expect(tagsOf('Bought new running shoes today', { existingTags: ['running-shoes'] })).toContain(
      'running-shoes',
    );
    expect(tagsOf('Finished a great book on the train', { existingTags: ['books'] })).toContain(
      'books',
    );
    expect(
      tagsOf('Two hours of #deepwork this morning', { existingTags: ['deep work'] }),
    ).toContain('deep work');
    expect(tagsOf('Back pain again after the gym', { existingTags: ['Back-Pain'] })).toContain(
      'back-pain',
    );
  });

  it('never proposes a tag the user keeps removing, in any spelling, and offers the next best instead', () => {
    const text = 'Email Sam the slides from the design workshop';
    expect(tagsOf(text)).toContain('design workshop');
    const tags = tagsOf(text, { rejectedTags: ['Design-Workshops'] });
    expect(tags).not.toContain('design workshop');
    expect(tags).toContain('sam');
  });

  it("prefers the name of a profile project the thought mentions, by name or by the project's tags", () => {
    const projects = [{ name: 'Garden shed', tags: ['shed'] }, { name: 'Spanish course' }];
    expect(tagsOf('The garden shed roof needs new felt', { projects })[0]).toBe('garden shed');
    expect(tagsOf('Painted the shed door blue', { projects })[0]).toBe('garden shed');
    expect(tagsOf('Ordered the roof felt', { projects })).not.toContain('garden shed');
  });

  it('keeps hashtags, without the #', () => {
    expect(tagsOf('Check-up booked #Health')).toContain('health');
  });

  it('never tags stop words, numbers, dates or times', () => {
    const tags = tagsOf(
      'I have to call Sam about the 3 tickets on Friday at 5pm tomorrow, the 12th of March',
    );
    for (const tag of tags) {
      expect(STOP_WORDS.has(tag)).toBe(false);
      expect(tag).not.toMatch(/^\d+$|friday|tomorrow|5pm|march|12th/);
    }
    expect(tags).toEqual(expect.arrayContaining(['sam', 'ticket']));
  });

  it('gives at most five tags of at most 50 characters, with confidences in 0..1', () => {
    const text =
      'Kitchen, bathroom, garage, garden, attic, basement, hallway and the incredibly-long-named-supercalifragilistic-expialidocious-room need paint';
    const tags = extractTags(readText(nlp, text), { existingTags: [], projects: [] });
    expect(tags.length).toBeLessThanOrEqual(5);
    for (const { tag, confidence } of tags) {
      expect(tag.length).toBeLessThanOrEqual(50);
      expect(tag).toBe(tag.toLowerCase());
      expect(confidence).toBeGreaterThan(0);
      expect(confidence).toBeLessThanOrEqual(1);
    }
  });
});

describe('extractTags keeps to the vocabulary it has', () => {
  it('drops a new phrase built on a tag the user has, with the rest of it', () => {
    const tags = tagsOf('Grocery bill was 40% higher than last year', {
      existingTags: ['grocery'],
    });
    expect(tags).toContain('grocery');
    expect(tags).not.toContain('grocery bill');
    expect(tags).not.toContain('bill');
  });

  it('names the topic for any form the lexicon knows, and proposes no fragment or filler', () => {
    expect(tagsOf('Overslept, missed the bus')).toContain('sleep');
    expect(tagsOf('Overslept, missed the bus')).not.toContain('overslept');
    expect(tagsOf('feelin rly tired tbh')).not.toContain('tbh');
  });
});

describe('extractTags on event phrases, places and tone', () => {
  it('tags "camping trip" and "yoga class" by their words, not the phrase', () => {
    const camping = tagsOf('asked Alex about the camping trip');
    expect(camping).toEqual(expect.arrayContaining(['camping', 'trip']));
    expect(camping).not.toContain('camping trip');
    expect(tagsOf('signed up for a yoga class')).not.toContain('yoga class');
  });

  it('does not read "worked from home" as the topic home, but keeps "fix the home office"', () => {
    expect(tagsOf('worked from home, the wifi died', { existingTags: ['home'] })).not.toContain(
      'home',
    );
    expect(tagsOf('the home office needs a new lamp', { existingTags: ['home'] })).toContain(
      'home',
    );
  });

  it('drops drawn-out words and time units', () => {
    const tags = tagsOf('soooo tired after a 30 min workout');
    expect(tags).not.toContain('soooo');
    expect(tags.some((t) => t.split(' ').includes('min'))).toBe(false);
  });

  it("adds at most two new tags, but lets the user's own tags fill the five places", () => {
    const text = 'Bought paint, brushes, rollers, tape and a ladder for the hallway';
    expect(tagsOf(text)).toHaveLength(3);
    const own = ['paint', 'brush', 'roller', 'tape', 'ladder'];
    expect(tagsOf(text, { existingTags: own })).toHaveLength(5);
  });

  it('proposes no three-word new phrase', () => {
    expect(tagsOf('the new iPhone battery drains in half a day')).not.toContain(
      'new iphone battery',
    );
  });

  it('does not read a vocabulary word used as the to-do verb as a mention of the tag', () => {
    expect(tagsOf('book the MOT for the van', { existingTags: ['book'] })).not.toContain('book');
    expect(tagsOf('flight to Chicago, book the shuttle', { existingTags: ['book'] })).not.toContain(
      'book',
    );
    expect(tagsOf('finished a great book', { existingTags: ['book'] })).toContain('book');
  });

  it('reads "before work" and "after work" as times, not the topic work', () => {
    expect(tagsOf('before work tmrw fill up the tank', { existingTags: ['work'] })).not.toContain(
      'work',
    );
    expect(tagsOf('stressful day at work', { existingTags: ['work'] })).toContain('work');
  });

  it('keeps words that only look plural, and short spellings under one tag', () => {
    expect(tagsOf('sort the winter clothes')).toContain('clothes');
    expect(tagsOf('booked flights for xmas')).toContain('christmas');
    expect(tagsOf('this wknd paint the fence')).not.toContain('wknd');
  });

  it('reads the school run and a meeting that ran over as no running', () => {
    expect(tagsOf('knackered after the school run')).not.toContain('running');
    expect(tagsOf('noon tomorrow: sandwich run for the team')).not.toContain('running');
    expect(tagsOf('Budget meeting ran 2 hours over')).not.toContain('running');
    expect(tagsOf('ran 5k before work, slow but done')).toContain('running');
    expect(tagsOf('long run along the river')).toContain('running');
  });

  it('reads a typo of a one-word vocabulary tag or a lexicon word as that word, but not a real word or a name', () => {
    expect(tagsOf('excercise streak: 12 days', { existingTags: ['exercise'] })).toContain(
      'exercise',
    );
    expect(tagsOf('so exausted after the meeting')).toContain('tiredness');
    // "sending" is a word of its own, one edit from "spending"; "Jake" is a name.
    expect(readText(nlp, 'sending the forms').tokens[0].value).toBe('sending');
    expect(tagsOf('in 30 minutes call Jake back')).not.toContain('cooking');
  });
});

describe('extractTags on New Zealand and British English', () => {
  it('keeps a word written with macrons whole, as written', () => {
    expect(tagsOf('whānau dinner at Aunty’s tonight')).toEqual(['whānau dinner', 'aunty']);
    expect(tagsOf('whānau dinner at Aunty’s tonight', { existingTags: ['whānau'] })).toContain(
      'whānau',
    );
    expect(readText(nlp, 'the kids were hōhā').tokens.map((t) => t.value)).toEqual([
      'the',
      'kids',
      'were',
      'hōhā',
    ]);
  });

  it('keeps plural-only words and makes -oes plurals singular', () => {
    expect(tagsOf('pack the togs and jandals')).toEqual(
      expect.arrayContaining(['togs', 'jandals']),
    );
    expect(tagsOf('planted the tomatoes')).toContain('tomato');
  });
});
