import { beforeAll, describe, expect, it } from '@jest/globals';
import { loadNlp, type Nlp } from './nlp.js';
import { detectTasks } from './tasks.js';

let nlp: Nlp;
beforeAll(async () => {
  nlp = await loadNlp();
});

const now = new Date('2026-03-04T15:30:00Z'); // Wednesday, 16:30 in Berlin
const tasksIn = (text: string) => detectTasks(nlp, text, now, 'Europe/Berlin');
const titles = (text: string) => tasksIn(text).map((task) => task.title);

describe('detectTasks', () => {
  it('splits a thought into its to-dos, and keeps a list of things as one', () => {
    expect(titles('Pick up groceries and then call the insurance about the claim')).toEqual([
      'Pick up groceries',
      'Call the insurance about the claim',
    ]);
    expect(titles('Buy milk, eggs and coffee beans')).toEqual(['Buy milk, eggs and coffee beans']);
    expect(titles('- buy milk\n- call Sam\n- fix the bike')).toEqual([
      'Buy milk',
      'Call Sam',
      'Fix the bike',
    ]);
    expect(titles('I called mom and need to call dad')).toEqual(['Call dad']);
  });

  it('quotes the evidence exactly, curly apostrophes and all', () => {
    const text = 'Ugh. Don’t forget to call the bank on the 31st';
    const [task] = tasksIn(text);
    expect(task.evidence).toBe('Don’t forget to call the bank on the 31st');
    expect(text).toContain(task.evidence);
    expect(task).toMatchObject({ kind: 'reminder', dueDate: '2026-03-31', dueText: 'the 31st' });
  });

  it('carries a date to the to-dos it governs', () => {
    expect(tasksIn('Tomorrow: call the bank and buy stamps').map((t) => t.dueDate)).toEqual([
      '2026-03-05',
      '2026-03-05',
    ]);
    expect(tasksIn("Mum's birthday on the 3rd - buy a card!").map((t) => t.dueDate)).toEqual([
      '2026-04-03',
    ]);
    expect(tasksIn('Pay rent!! today')).toMatchObject([
      { title: 'Pay rent', dueDate: '2026-03-04', priority: 'urgent' },
    ]);
  });

  it.each([
    'What if we built an app that tracks sleep?',
    'Maybe an app that reminds you to call friends',
    "I'm anxious about the presentation",
    'Why do I always procrastinate?',
    'Called mom, she sounded better',
    'Book club was great tonight',
    'Water is dripping from the ceiling',
    'I should have called her back',
    "I don't need to go to the office tomorrow",
    'Maybe I should start journaling again',
    'I need to relax more',
    'Dentist said I need to floss',
    'Should I switch to a standing desk?',
    'Remind me to',
  ])('finds no to-do in "%s"', (text) => {
    expect(tasksIn(text)).toEqual([]);
  });

  it.each([
    ['remind me to call Leo at 3', 'reminder', 'Call Leo'],
    ['todo: dentist', 'todo', 'Dentist'],
    ["don't forget the passport", 'reminder', 'Remember the passport'],
    ['Note to self: back up the laptop', 'todo', 'Back up the laptop'],
    ['gotta renew the car insurance', 'obligation', 'Renew the car insurance'],
    ["It's time to renew the passport", 'obligation', 'Renew the passport'],
    ["I'll text Jonas about the bike", 'intent', 'Text Jonas about the bike'],
    ["I'm going to clean the fridge tonight, it smells", 'intent', 'Clean the fridge'],
    ['we should repaint the bedroom', 'should', 'Repaint the bedroom'],
    ["Let's try the ramen place on Friday", 'plan', 'Try the ramen place'],
    ['📞 call grandma on sunday!!', 'imperative', 'Call grandma'],
  ])('reads "%s" as a %s to-do: %s', (text, kind, title) => {
    expect(tasksIn(text)[0]).toMatchObject({ kind, title });
  });

  it('needs a day before a wish counts as a plan', () => {
    expect(tasksIn("Let's try the ramen place")).toEqual([]);
    expect(tasksIn('I want to visit Lisbon next Tuesday')).toHaveLength(1);
  });
});

describe('detectTasks on the forms people write in a hurry or in a second language', () => {
  it("reads learners' and typists' obligations, but not a bare need for a thing", () => {
    expect(titles('Need too buy more dog food')).toEqual(['Buy more dog food']);
    expect(titles('I need make the reservation for the hotel')).toEqual([
      'Make the reservation for the hotel',
    ]);
    expect(titles('need that I call the insurance')).toEqual(['Call the insurance']);
    expect(titles('I need coffee')).toEqual([]);
  });

  it('takes headings: "remember:" and a shopping list', () => {
    expect(titles('remember: water the seedlings')).toEqual(['Water the seedlings']);
    expect(titles('groceries: eggs, spinach, coffee')).toHaveLength(1);
  });

  it('dates a plan in the present tense, an appointment, and a reminder said after its thing', () => {
    expect(tasksIn('tomorrow I go to the bank')).toMatchObject([
      { title: 'Go to the bank', dueDate: '2026-03-05' },
    ]);
    expect(tasksIn('I need to be at the DMV thursday 11am')).toMatchObject([
      { dueDate: '2026-03-05', dueTime: '11:00' },
    ]);
    expect(tasksIn('Parent-teacher conference Thursday 3pm')).toMatchObject([
      { title: 'Parent-teacher conference', dueDate: '2026-03-05', dueTime: '15:00' },
    ]);
    expect(tasksIn('dentist cleaning on the 3rd, dont forget')).toMatchObject([
      { kind: 'reminder', dueDate: '2026-04-03' },
    ]);
    expect(tasksIn('next Tues drop the forms off at the clinic')).toMatchObject([
      { title: 'Drop the forms off at the clinic', dueDate: '2026-03-10' },
    ]);
    expect(tasksIn('before work tmrw fill up the tank')).toMatchObject([
      { title: 'Fill up the tank', dueDate: '2026-03-05' },
    ]);
    expect(tasksIn("dentist Tuesday 7am, don't be late")).toMatchObject([
      { kind: 'reminder', dueDate: '2026-03-10', dueTime: '07:00' },
    ]);
    // An event that happens by itself on a named day is a plan for that day.
    expect(tasksIn('two weeks from today the boiler guy comes')).toMatchObject([
      { title: 'The boiler guy comes', dueDate: '2026-03-18' },
    ]);
    expect(tasksIn('in a fortnight the MOT is due on the car')).toMatchObject([
      { dueDate: '2026-03-18' },
    ]);
    expect(tasksIn('essay due friday 23:59, still need the conclusion')).toMatchObject([
      { title: 'Essay', dueTime: '23:59' },
    ]);
    expect(titles('Budget meeting Thursday 3pm, went fine')).toEqual([]);
    expect(titles('Energy crash around 3pm every day, probably the lunch')).toEqual([]);
    expect(titles('the plumber comes')).toEqual([]);
    expect(titles('yesterday the plumber came')).toEqual([]);
    // A past report with a time is still no plan.
    expect(titles('Budget meeting Thursday 3pm went fine')).toEqual([]);
    expect(titles('I go to the gym')).toEqual([]);
  });

  it('reads a noun doing something as no imperative, unless the verb takes a gerund', () => {
    expect(titles('need to call the plumber, water pooling in the shower now')).toEqual([
      'Call the plumber',
    ]);
    expect(titles('go running tomorrow')).toEqual(['Go running']);
  });
});

describe('detectTasks on dated plans written as noun phrases', () => {
  it('takes a word in -ing naming a kind of thing, and a possessive, as part of the plan', () => {
    expect(titles('Sat 7th working bee at the kindy')).toEqual(['Working bee at the kindy']);
    expect(titles('Thursday at 14:30 GP appointment for my prescription')).toEqual([
      'GP appointment for my prescription',
    ]);
    expect(tasksIn('Sat 7th swimming lesson')[0]?.dueDate).toBe('2026-03-07');
    // Still no plan: a day and what one is doing, with no noun it names.
    expect(titles('Saturday: running late again')).toEqual([]);
  });
});
