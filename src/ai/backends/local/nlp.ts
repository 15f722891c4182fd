import type { ItemEntity, ItsFunction, WinkMethods } from 'wink-nlp';
import { lexiconSpelling } from './synonyms.js';

export interface Token {
  value: string;
  /** Lower-cased, contractions expanded ("n't" -> "not"). */
  normal: string;
  lemma: string;
  /** Universal POS tag (NOUN, PROPN, VERB, AUX, ...). */
  pos: string;
  /** wink's token type: word, number, punctuation, emoji, hashtag, ... */
  type: string;
  /** The entity this token belongs to (DATE, TIME, ORDINAL, HASHTAG, ...), if any. */
  entity: string | null;
  /** A word the English model does not know: a typo, a name, or jargon. */
  oov?: boolean;
}

export interface ReadText {
  tokens: Token[];
  /** wink's lexicon sentiment, -1..1. */
  sentiment: number;
}

export type Nlp = WinkMethods;

let loading: Promise<Nlp> | undefined;

/**
 * The English model takes ~60 ms and ~30 MB to build, so it is built once, on first use: an app
 * configured for Claude never pays for it.
 */
export function loadNlp(): Promise<Nlp> {
  loading ??= (async () => {
    const [{ default: winkNLP }, { default: model }] = await Promise.all([
      import('wink-nlp'),
      import('wink-eng-lite-web-model'),
    ]);
    return winkNLP(model);
  })().catch((error: unknown) => {
    // A failed load (e.g. a broken install) must not be cached for the life of the process.
    loading = undefined;
    throw error;
  });
  return loading;
}

/** "whānau" -> "whanau": the same length, letter for letter, without accents and macrons. */
export function foldMarks(text: string): string {
  return text.replace(/\p{L}/gu, (letter) => {
    const base = letter.normalize('NFD').replace(/\p{M}+/gu, '');
    return base.length === 1 ? base : letter;
  });
}

/**
 * The written form of each token: wink splits a word at a letter with a macron or accent
 * ("whānau" into "wh", "ā", "nau"), so it reads the folded text, and each token gets back the
 * letters written at its place.
 */
function writtenForms(text: string, folded: string, values: string[]): string[] {
  let from = 0;
  return values.map((value) => {
    const at = folded.indexOf(value, from);
    if (at < 0) return value;
    from = at + value.length;
    return text.slice(at, from);
  });
}

/** Tokens with their tags for `text`, in one pass of the wink pipeline. */
export function readText(nlp: Nlp, text: string): ReadText {
  const its = nlp.its;
  const folded = foldMarks(text);
  const doc = nlp.readDoc(folded);
  const tokens = doc.tokens();
  const folds = tokens.out();
  const values = folded === text ? folds : writtenForms(text, folded, folds);
  const normals = tokens.out(its.normal) as string[];
  // wink's typings declare lemma with the model's add-ons as a third parameter; at run time out() supplies them.
  const lemmas = tokens.out(its.lemma as unknown as ItsFunction<string>) as string[];
  const tags = tokens.out(its.pos) as string[];
  const types = tokens.out(its.type) as string[];
  const entityOf: (string | null)[] = values.map(() => null);
  doc.entities().each((entity: ItemEntity) => {
    const [first, last] = entity.out(its.span) as unknown as [number, number];
    const type = entity.out(its.type) as string;
    for (let i = first; i <= last; i += 1) entityOf[i] = type;
  });
  // wink's typings leave out the document's isOOV; it is there at run time.
  const isOOV = (doc as unknown as { isOOV(text: string): boolean }).isOOV;
  return {
    tokens: values.map((value, i) => {
      const oov = types[i] === 'word' && isOOV(folds[i].toLowerCase());
      // A word written with macrons keeps them in its tag ("whānau"); its folded form is no English word.
      const marked = value !== folds[i] ? value.toLowerCase() : undefined;
      // "exausted", "tierd", "overwhelmd": a typo of a topic word counts as that word.
      // Only words written in lower case: "Jake" is a name, whatever the lexicon holds.
      const fixed = oov && value === value.toLowerCase() ? lexiconSpelling(value) : undefined;
      return {
        value: fixed ?? value,
        normal: fixed ?? marked ?? normals[i],
        lemma: fixed ?? marked ?? lemmas[i],
        pos: tags[i],
        type: types[i],
        entity: entityOf[i],
        oov,
      };
    }),
    sentiment: Number(doc.out(its.sentiment)) || 0,
  };
}
