import { createReadStream } from 'node:fs';
import type { Duplex } from 'node:stream';
import * as nodeStream from 'node:stream';
import pick from 'stream-json/filters/pick.js';
import parser from 'stream-json/parser.js';
import streamArray from 'stream-json/streamers/stream-array.js';
import streamValues from 'stream-json/streamers/stream-values.js';

// stream.compose is in Node 20 but not in its type definitions.
const compose = (
  nodeStream as unknown as { compose: (...streams: NodeJS.ReadableStream[] | Duplex[]) => Duplex }
).compose;

/**
 * The elements of an array in a JSON file, one at a time: `key` names the top-level
 * property holding it, null a top-level array. A file of any size costs one element of
 * memory; a syntax error throws where it is met.
 */
export async function* jsonArrayItems(
  file: string,
  key: string | null,
): AsyncGenerator<{ index: number; value: unknown }> {
  const stages =
    key === null
      ? [parser.asStream(), streamArray.asStream()]
      : [parser.asStream(), pick.asStream({ filter: key }), streamArray.asStream()];
  const items = compose(createReadStream(file), ...stages);
  try {
    for await (const item of items as AsyncIterable<{ key: number; value: unknown }>)
      yield { index: item.key, value: item.value };
  } finally {
    items.destroy();
  }
}

/** One top-level property's value, or undefined when the file has none. */
export async function jsonValue(file: string, key: string): Promise<unknown> {
  const values = compose(
    createReadStream(file),
    parser.asStream(),
    pick.asStream({ filter: key, once: true }),
    streamValues.asStream(),
  );
  try {
    for await (const item of values as AsyncIterable<{ value: unknown }>) return item.value;
    return undefined;
  } finally {
    values.destroy();
  }
}

/** The first character that is not white space: tells a JSON array from an object, and a zip ('P'). */
export async function firstCharacter(file: string): Promise<string> {
  for await (const chunk of createReadStream(file, {
    start: 0,
    end: 4095,
    encoding: 'utf8',
  }) as AsyncIterable<string>) {
    const found = chunk.replace(/^\uFEFF/, '').match(/\S/);
    if (found) return found[0];
  }
  return '';
}
