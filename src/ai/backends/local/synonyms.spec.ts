import { describe, expect, it } from '@jest/globals';
import { lexiconSpelling, meansTopic, themeOf, topicOf } from './synonyms.js';
import { oneEditApart } from './text.js';

describe('topic and theme lexicons', () => {
  it('reads tiredness, worry and workouts in their many forms', () => {
    expect(topicOf('knackered')).toBe('tiredness');
    expect(topicOf('exhausted')).toBe('tiredness');
    expect(topicOf('awake')).toBe('sleep');
    expect(topicOf('worried')).toBe('anxiety');
    expect(topicOf('treadmill')).toBe('workout');
  });

  it('groups money and reading words as themes only, so "bill" stays a tag of its own', () => {
    expect(topicOf('bills')).toBeUndefined();
    expect(themeOf('bills', 'bill', 'NOUN')).toBe('money');
    expect(themeOf('overspent', 'overspend', 'VERB')).toBe('money');
    expect(themeOf('novel', 'novel', 'NOUN')).toBe('reading');
    // New Zealand English: "skint until pay day", "checked the KiwiSaver".
    expect(themeOf('skint', 'skint', 'ADJ')).toBe('money');
    expect(themeOf('KiwiSaver', 'kiwisaver', 'PROPN')).toBe('money');
  });

  it('reads illness and moving house in their forms, and "cold" as illness only as a noun', () => {
    expect(themeOf('coughing', 'cough', 'VERB')).toBe('sick');
    expect(themeOf('flu', 'flu', 'NOUN')).toBe('sick');
    expect(themeOf('crook', 'crook', 'ADJ')).toBe('sick');
    expect(themeOf('cold', 'cold', 'NOUN')).toBe('sick');
    expect(themeOf('cold', 'cold', 'ADJ')).toBeUndefined();
    expect(themeOf('movers', 'mover', 'NOUN')).toBe('moving');
  });

  it('does not read "book the vet" or "booked a table" as reading', () => {
    expect(themeOf('book', 'book', 'VERB')).toBeUndefined();
    expect(themeOf('Booked', 'book', 'VERB')).toBeUndefined();
    expect(themeOf('reading', 'read', 'VERB')).toBe('reading');
  });

  it('reads worry, sleep and cooking written as dreading, fretting, on edge, dozed, roasted', () => {
    expect(topicOf('dreading', 'dread')).toBe('anxiety');
    expect(topicOf('fretting', 'fret')).toBe('anxiety');
    expect(topicOf('onedge')).toBe('anxiety');
    expect(topicOf('dozed', 'doze')).toBe('sleep');
    expect(topicOf('simmered', 'simmer')).toBe('cooking');
    expect(topicOf('roasted', 'roast')).toBe('cooking');
  });

  it('groups swimming, yoga and cycling as exercise and the allotment and planting as the garden, as themes', () => {
    expect(themeOf('swam', 'swim', 'VERB')).toBe('exercise');
    expect(themeOf('yoga', 'yoga', 'NOUN')).toBe('exercise');
    expect(themeOf('cycled', 'cycle', 'VERB')).toBe('exercise');
    expect(themeOf('allotment', 'allotment', 'NOUN')).toBe('garden');
    expect(themeOf('planted', 'plant', 'VERB')).toBe('garden');
    expect(themeOf('seedlings', 'seedling', 'NOUN')).toBe('garden');
    // A tag stays what it was: "yoga" is not renamed "exercise".
    expect(topicOf('yoga')).toBeUndefined();
  });

  it('reads a low mood and pain in their forms, as themes only', () => {
    expect(themeOf('lonely', 'lonely', 'ADJ')).toBe('mood');
    expect(themeOf('cried', 'cry', 'VERB')).toBe('mood');
    expect(themeOf('aching', 'ache', 'VERB')).toBe('pain');
    expect(themeOf('achy', 'achy', 'ADJ')).toBe('pain');
    expect(themeOf('paycheck', 'paycheck', 'NOUN')).toBe('money');
    expect(topicOf('groggy')).toBe('tiredness');
    expect(topicOf('lonely')).toBeUndefined();
  });

  it('reads an errand run and a thing that runs as no running', () => {
    expect(meansTopic('running', undefined, { value: 'school', pos: 'NOUN' }, 'run')).toBe(false);
    expect(meansTopic('running', '2', { value: 'meeting', pos: 'NOUN' }, 'ran')).toBe(false);
    expect(meansTopic('running', '5k', { value: 'I', pos: 'PRON' }, 'ran')).toBe(true);
    expect(meansTopic('running', undefined, { value: 'recovery', pos: 'NOUN' }, 'run')).toBe(true);
  });

  it('spells a typo one edit from a lexicon word as that word, and leaves short and right words alone', () => {
    expect(lexiconSpelling('exausted')).toBe('exhausted');
    expect(lexiconSpelling('exhuasted')).toBe('exhausted');
    expect(lexiconSpelling('overwhelmd')).toBe('overwhelmed');
    expect(lexiconSpelling('tierd')).toBe('tired');
    expect(lexiconSpelling('dozed')).toBeUndefined();
    expect(lexiconSpelling('jake')).toBeUndefined();
    expect(lexiconSpelling('xyzzyq')).toBeUndefined();
    expect(oneEditApart('stresed', 'stressed')).toBe(true);
    expect(oneEditApart('spending', 'sending')).toBe(true);
    expect(oneEditApart('ruined', 'running')).toBe(false);
  });
});
