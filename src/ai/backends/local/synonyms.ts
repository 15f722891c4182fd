import { oneEditApart } from './text.js';

/**
 * A small lexicon of words that name one topic in diaries and notes, so "slept", "asleep" and
 * "insomnia" are one theme and one tag ("sleep"), and "jogged" joins "running". The first word
 * of a group is the topic's name. Kept short on purpose: each group is a topic people write
 * about in many forms; a word that can mean something else ("bike" the object) stays out.
 */
// A two-word idiom is listed joined ("onedge" for "on edge"): lexiconTopics also tries each word with the next.
const GROUPS = [
  'sleep slept sleeping asleep sleepy sleepless insomnia insomniac nap napped napping overslept oversleep oversleeping awake doze dozed dozing',
  'tiredness tired exhausted exhaustion knackered fatigue fatigued groggy lethargic sluggish weary burnout',
  'running run ran runs jog jogs jogged jogging runner',
  'workout workouts treadmill',
  // Baking is cooking as a topic of the week: "baked bread", "cooked a curry", "a new recipe".
  'cooking cook cooks cooked recipe recipes baking bake bakes baked roast roasted roasting simmer simmered simmering stew stews',
  'anxiety anxious nervous panic panicky panicked worried worry worries worrying dread dreading dreaded fret fretting fretted uneasy jittery onedge',
  'stress stressed stressful overwhelmed overwhelm overwhelming frazzled swamped',
  'headache headaches migraine',
  'tooth teeth toothache',
  'swimming swim swims swam swum',
  'cycling cycled cyclist',
  'surfing surf surfs surfed surfer',
  'hiking hike hikes hiked hiker',
  'climbing climb climbs climbed bouldering',
  'meditation meditate meditated meditating',
  'rain rains rained raining rainy',
  'snow snows snowed snowing snowy',
  'cybersecurity cyber-security infosec',
  // Short spellings of a tag: one tag whichever is written.
  'christmas xmas',
  'birthday bday birthdays',
];

const TOPIC_OF = new Map<string, string>();
for (const group of GROUPS) {
  const [name, ...forms] = group.split(' ');
  for (const word of [name, ...forms]) if (!TOPIC_OF.has(word)) TOPIC_OF.set(word, name);
}

/**
 * Words that make one theme of the week but are tags of their own: a week of "budget", "bills"
 * and "overspent" is about money, while "electricity bill" is still tagged "bill".
 */
const THEME_GROUPS = [
  'money budget budgets budgeting spending overspent overspend overspending bill bills expense expenses savings debt debts expensive pricey paycheck paycheque skint payday kiwisaver',
  // "swam 40 lengths", "yoga class", "cycled to work": the week's exercise, whatever the sport.
  'exercise gym workout workouts treadmill fitness yoga pilates swim swam swimming cycled cycling weights squats deadlifts crossfit hiit',
  // "weeding at the allotment", "planted the beans", "seedlings": a week in the garden.
  'garden gardening allotment weeding weeded planted planting seedling seedlings greenhouse lawn mowed mowing pruned pruning',
  // "a cold", "coughing all night", "fever 38.5": a week of being ill, whatever it was.
  'sick ill illness flu cough coughs coughing fever feverish cold sniffles sneezing covid nauseous vomiting crook',
  // "packing the books", "the movers", "14 boxes": moving house.
  'moving packing packed unpacking unpacked movers boxes',
  // "felt lonely", "cried on the phone", "gloomy day": a low week, whatever the word.
  'mood sad sadness lonely loneliness cried crying tearful gloomy depressed depression miserable',
  // "my back is aching", "sore", "achy all over": a week of pain, wherever it hurts.
  'pain ache aches aching achy sore painful hurts',
  // "read two chapters", "finished the novel", "an audiobook": a week of reading, whatever was read.
  'reading read reads novel novels book books chapter chapters audiobook audiobooks',
];

const THEME_OF = new Map<string, string>();
for (const group of THEME_GROUPS) {
  const [name, ...forms] = group.split(' ');
  for (const word of [name, ...forms]) if (!THEME_OF.has(word)) THEME_OF.set(word, name);
}

/** Theme words that mean something else as verbs: "book the vet" is no reading, "bill the client" no spending. */
const NOT_AS_VERB = new Set(['book', 'books', 'bill', 'bills']);
/** Theme words that are the topic only as nouns: "a cold" is illness, "a cold morning" is weather. */
const ONLY_AS_NOUN = new Set(['cold']);

/** The theme a word or its lemma belongs to beyond its tag topic ("bills" -> "money"), if any. */
export function themeOf(word: string, lemma?: string, pos?: string): string | undefined {
  const lower = word.toLowerCase();
  // A verb counts only as written ("reading", "overspent"): its lemma turns "booked" into "book".
  if (pos === 'VERB') return NOT_AS_VERB.has(lower) ? undefined : THEME_OF.get(lower);
  if (ONLY_AS_NOUN.has(lower) && pos !== 'NOUN') return undefined;
  return (
    THEME_OF.get(lower) ?? (lemma === undefined ? undefined : THEME_OF.get(lemma.toLowerCase()))
  );
}

/** The topic a word or its lemma names ("slept" -> "sleep"), or undefined when the lexicon does not know it. */
export function topicOf(word: string, lemma?: string): string | undefined {
  const lower = word.toLowerCase();
  return (
    TOPIC_OF.get(lower) ?? (lemma === undefined ? undefined : TOPIC_OF.get(lemma.toLowerCase()))
  );
}

/** Verb forms that mean something else before these words: "ran out of boxes", "the meeting ran long". */
const NOT_THE_TOPIC_BEFORE: Record<string, RegExp> = {
  running:
    /^(?:out|into|over|late|long|low|short|away|off|up|down|through|across|the|a|an|my|our|his|her|their|errands?|things|smoothly|fine|well|badly)$/i,
};

/** "the school run", "a coffee run": an errand, not a run. */
const ERRAND_RUN =
  /^(?:school|coffee|sandwich|beer|food|supply|supplies|grocery|groceries|shopping|milk|dump|airport|bank|pharmacy|lunch|snack|tip|station)$/i;

/**
 * Whether a word of `topic`, followed by `next` and after `previous`, names its topic ("ran
 * 10k") rather than an idiom ("ran out", "the meeting ran over", "the school run").
 */
export function meansTopic(
  topic: string,
  next: string | undefined,
  previous?: { value: string; pos: string },
  word?: string,
): boolean {
  if (topic === 'running' && previous?.pos === 'NOUN') {
    if (ERRAND_RUN.test(previous.value)) return false;
    // A thing that runs ("the meeting ran 2 hours over", "the bus runs late") is not the writer running.
    if (word !== undefined && /^(?:ran|runs)$/i.test(word)) return false;
  }
  const idiom = NOT_THE_TOPIC_BEFORE[topic];
  return idiom === undefined || next === undefined || !idiom.test(next);
}

/** Every form the lexicon knows for a topic's name, the name included. */
export function formsOf(topic: string): string[] {
  return [...TOPIC_OF.entries()].filter(([, name]) => name === topic).map(([word]) => word);
}

/** Lexicon words long enough that one edit away is a typo of them, not another word. */
const SPELLINGS = [...new Set([...TOPIC_OF.keys(), ...THEME_OF.keys()])].filter(
  (word) => word.length >= 4 && /^[a-z]+$/.test(word),
);

/**
 * The lexicon word a word the English model does not know was meant to be ("exausted" ->
 * "exhausted"), if exactly one edit away. Callers pass only unknown words: "sending" is a
 * word, not a typo of "spending".
 */
export function lexiconSpelling(word: string): string | undefined {
  // Short words are one edit from too much ("jake", "bake"); a lexicon word is already spelled right.
  if (word.length < 5 || !/^[a-z]+$/.test(word) || TOPIC_OF.has(word) || THEME_OF.has(word))
    return undefined;
  return SPELLINGS.find((known) => oneEditApart(word, known));
}
