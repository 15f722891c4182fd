import fc from 'fast-check';
import { BLNS, HOSTILE_STRINGS, isHeaderSafe } from './naughty-strings.js';
import {
  type OpenApiDocument,
  type Parameter,
  resolve,
  type Route,
  type Schema,
} from './openapi.js';

/** Values that exist in the database, so generated requests reach past "not found". */
export interface Pools {
  /** The caller's rows, the stranger's rows, a disposable key, unknown uuids. */
  ids: string[];
  /** Real cursors (the caller's and the stranger's, every list) and crafted ones. */
  cursors: string[];
}

export type BodyEncoding = 'json' | 'text' | 'form' | 'multipart' | 'bytes';

export interface FuzzBody {
  contentType: string;
  payload: string | Buffer;
}

export interface FuzzRequest {
  key: 'user' | 'admin';
  method: string;
  /** Already percent-encoded path and query. */
  url: string;
  headers: Record<string, string>;
  body?: FuzzBody;
}

/** A route whose schema the generator cannot read: the test must fail and name it, not skip it. */
export class NoGeneratorError extends Error {}

const naughty = fc.constantFrom(...BLNS, ...HOSTILE_STRINGS);

const nested = (levels: number): unknown => {
  let value: unknown = 'deep';
  for (let level = 0; level < levels; level += 1) value = level % 2 === 0 ? [value] : { a: value };
  return value;
};

/** Any JSON type where another was expected, including depth and size no DTO allows. */
const wrongType = fc.constantFrom<unknown>(
  null,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  true,
  '',
  [],
  {},
  [[[]]],
  nested(40),
  { __proto__: { admin: true } },
);

const FUTURE = new Date(Date.now() + 30 * 86_400_000).toISOString();

function validArb(
  document: OpenApiDocument,
  raw: Schema,
  pools: Pools,
  where: string,
): fc.Arbitrary<unknown> {
  const schema = resolve(document, raw);
  if (schema.oneOf || schema.anyOf || (schema.allOf && schema.allOf.length > 1)) {
    throw new NoGeneratorError(`${where}: oneOf/anyOf/allOf schemas have no generator yet`);
  }
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'string': {
      if (schema.format === 'uuid') return fc.constantFrom(...pools.ids);
      if (schema.format === 'date-time')
        return fc.constantFrom('2026-01-04T12:00:00.000Z', FUTURE, '2025-06-30T23:59:59Z');
      if (schema.format === 'date') return fc.constantFrom('2026-03-05', '2024-02-29');
      if (schema.format === 'binary')
        return fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes));
      const examples = typeof schema.example === 'string' ? [fc.constant(schema.example)] : [];
      if (schema.pattern && examples.length > 0) return examples[0];
      const maxLength = Math.min(schema.maxLength ?? 40, 40);
      return fc.oneof(
        ...examples,
        fc.string({
          minLength: Math.max(schema.minLength ?? 0, 1),
          maxLength: Math.max(maxLength, 1),
        }),
      );
    }
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? 0;
      const max = schema.maximum ?? min + 1000;
      return schema.type === 'integer' || Number.isInteger(min)
        ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
        : fc.double({ min, max, noNaN: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'array': {
      if (!schema.items) throw new NoGeneratorError(`${where}: array without items`);
      return fc.array(validArb(document, schema.items, pools, `${where}[]`), {
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      });
    }
    case 'object':
    case undefined: {
      if (!schema.properties) {
        if (schema.type === 'object' && schema.additionalProperties === undefined)
          return fc.constant({});
        throw new NoGeneratorError(
          `${where}: schema without type or properties (${JSON.stringify(schema).slice(0, 120)})`,
        );
      }
      return fc.record(
        Object.fromEntries(
          Object.entries(schema.properties).map(([name, property]) => [
            name,
            validArb(document, property, pools, `${where}.${name}`),
          ]),
        ),
        { requiredKeys: (schema.required ?? []).filter((name) => name in schema.properties!) },
      );
    }
    default:
      throw new NoGeneratorError(`${where}: type ${schema.type} has no generator`);
  }
}

function hostileArb(document: OpenApiDocument, raw: Schema, where: string): fc.Arbitrary<unknown> {
  const schema = resolve(document, raw);
  const byType: fc.Arbitrary<unknown>[] = [];
  if (schema.type === 'string' || schema.enum) {
    byType.push(naughty, fc.string({ unit: 'binary', maxLength: 30 }));
    if (schema.maxLength !== undefined) byType.push(fc.constant('x'.repeat(schema.maxLength + 1)));
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    byType.push(
      fc.constantFrom<unknown>(
        2 ** 31,
        -(2 ** 31) - 1,
        2 ** 53 + 2,
        1e308,
        -1e308,
        5e-324,
        0.5,
        -0,
        '1',
        'NaN',
      ),
    );
  }
  if (schema.type === 'array') {
    // Past every maxItems, and large enough to cost something per element.
    byType.push(
      fc.constant(
        Array.from(
          { length: Math.max((schema.maxItems ?? 100) + 1, 10_001) },
          (_, index) => `t${index % 7}`,
        ),
      ),
    );
    if (schema.items)
      byType.push(
        fc.array(hostileArb(document, schema.items, `${where}[]`), { minLength: 1, maxLength: 3 }),
      );
  }
  if (schema.properties) {
    byType.push(
      fc.record(
        Object.fromEntries(
          Object.entries(schema.properties).map(([name, property]) => [
            name,
            hostileArb(document, property, `${where}.${name}`),
          ]),
        ),
        { requiredKeys: [] },
      ),
    );
  }
  return byType.length > 0
    ? fc.oneof(
        { arbitrary: wrongType, weight: 1 },
        ...byType.map((arbitrary) => ({ arbitrary, weight: 2 })),
      )
    : wrongType;
}

/** Mostly valid values with some fields made hostile, so requests reach services and SQL, not only the validator. */
function mixedArb(
  document: OpenApiDocument,
  raw: Schema,
  pools: Pools,
  where: string,
): fc.Arbitrary<unknown> {
  const schema = resolve(document, raw);
  const valid = validArb(document, schema, pools, where);
  if (!schema.properties)
    return fc.oneof(
      { arbitrary: valid, weight: 2 },
      { arbitrary: hostileArb(document, schema, where), weight: 3 },
    );
  const fields: [string, fc.Arbitrary<unknown>][] = Object.entries(schema.properties).map(
    ([name, property]) => [
      name,
      fc.oneof(
        { arbitrary: validArb(document, property, pools, `${where}.${name}`), weight: 4 },
        { arbitrary: mixedArb(document, property, pools, `${where}.${name}`), weight: 1 },
      ),
    ],
  );
  const record: fc.Arbitrary<Record<string, unknown>> = fc.record(Object.fromEntries(fields), {
    requiredKeys: (schema.required ?? []).filter((name) => name in schema.properties!) as never[],
  });
  const withExtra = fc
    .tuple(record, fc.option(fc.tuple(naughty, wrongType), { freq: 4 }))
    .map(([value, extra]) => (extra ? { ...(value as object), [extra[0]]: extra[1] } : value));
  return fc.oneof(
    { arbitrary: withExtra, weight: 5 },
    { arbitrary: hostileArb(document, schema, where), weight: 1 },
  );
}

/** Bodies no schema describes: broken encodings, parser bombs, the wrong media type. */
export const RAW_BODIES: readonly FuzzBody[] = [
  {
    contentType: 'application/json',
    payload: Buffer.from([
      0x7b, 0x22, 0x63, 0x6f, 0x6e, 0x74, 0x65, 0x6e, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0,
      0x80, 0x22, 0x7d,
    ]),
  },
  { contentType: 'application/json', payload: '{"content": ' },
  { contentType: 'application/json', payload: `${'['.repeat(100_000)}${']'.repeat(100_000)}` },
  {
    contentType: 'application/json',
    payload: `{"content":"x","tags":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
  },
  {
    contentType: 'application/json',
    payload: `{"content":"x","tags":[${Array(200_000).fill('0').join(',')}]}`,
  },
  { contentType: 'application/json', payload: 'null' },
  { contentType: 'application/json', payload: '"just a string"' },
  {
    contentType: 'application/json',
    payload: '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}',
  },
  {
    contentType: 'application/json',
    payload: '{"content":"a\\u0000b","title":"a\\u0000b","name":"a\\u0000b"}',
  },
  {
    contentType: 'application/json; charset=utf-16',
    payload: Buffer.from('{"content":"x"}', 'utf16le'),
  },
  { contentType: 'application/json; charset=latin1', payload: '{"content":"x"}' },
  { contentType: 'application/xml', payload: '<content>x</content>' },
  {
    contentType: 'multipart/form-data; boundary=x',
    payload: '--x\r\nContent-Disposition: form-data; name="content"\r\n\r\nx\r\n--x--\r\n',
  },
  { contentType: 'text/plain', payload: 'a\u0000b' },
  { contentType: 'text/plain', payload: Buffer.from([0x61, 0xff, 0x62]) },
  { contentType: 'application/x-www-form-urlencoded', payload: 'content=x&tags=a%00b' },
  { contentType: 'application/x-www-form-urlencoded', payload: 'content=%ff%fe&tags=%C0%80' },
  { contentType: 'application/octet-stream', payload: Buffer.from([0, 1, 2, 3]) },
];

const asQueryValues = (value: unknown): string[] =>
  value === undefined
    ? []
    : Array.isArray(value)
      ? value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)))
      : [typeof value === 'string' ? value : JSON.stringify(value)];

function encodeBody(encoding: BodyEncoding, value: unknown): FuzzBody | undefined {
  if (encoding === 'json')
    return value === undefined
      ? undefined
      : { contentType: 'application/json', payload: JSON.stringify(value) };
  if (encoding === 'text')
    return {
      contentType: 'text/plain; charset=utf-8',
      payload: typeof value === 'string' ? value : (JSON.stringify(value) ?? ''),
    };
  if (encoding === 'multipart') return multipart(value);
  if (encoding === 'bytes')
    return {
      contentType: 'application/octet-stream',
      payload: Buffer.isBuffer(value) ? value : Buffer.from(String(value)),
    };
  const form = new URLSearchParams();
  for (const [name, field] of Object.entries(
    value && typeof value === 'object' ? value : { content: value },
  )) {
    for (const item of asQueryValues(field)) form.append(name, item);
  }
  return { contentType: 'application/x-www-form-urlencoded', payload: form.toString() };
}

const BOUNDARY = 'fuzz-boundary-7MA4YWxkTrZu0gW';

/** multipart/form-data with one part per field; Buffers go as file parts. */
function multipart(value: unknown): FuzzBody {
  const chunks: Buffer[] = [];
  for (const [name, field] of Object.entries(
    value && typeof value === 'object' ? value : { file: value },
  )) {
    const file = Buffer.isBuffer(field);
    chunks.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"${file ? `; filename="${name}.bin"\r\nContent-Type: application/octet-stream` : ''}\r\n\r\n`,
      ),
      file ? field : Buffer.from(typeof field === 'string' ? field : (JSON.stringify(field) ?? '')),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return {
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
    payload: Buffer.concat(chunks),
  };
}

const ENCODINGS: Record<string, BodyEncoding> = {
  'application/json': 'json',
  'text/plain': 'text',
  'application/x-www-form-urlencoded': 'form',
  'multipart/form-data': 'multipart',
  'application/octet-stream': 'bytes',
  'application/zip': 'bytes',
};

function parameterArb(
  document: OpenApiDocument,
  parameter: Parameter,
  pools: Pools,
  where: string,
): fc.Arbitrary<string[]> {
  const schema = parameter.schema ? resolve(document, parameter.schema) : { type: 'string' };
  if (parameter.name === 'cursor')
    return fc.oneof(fc.constantFrom(...pools.cursors), naughty).map((value) => [value]);
  if (parameter.in === 'path' && schema.type === 'string' && !schema.enum) {
    // Ids: the caller's, a stranger's, unknown ones, and anything at all.
    return fc
      .oneof(
        { arbitrary: fc.constantFrom(...pools.ids), weight: 4 },
        { arbitrary: naughty, weight: 1 },
      )
      .map((value) => [value]);
  }
  const value = mixedArb(document, schema, pools, where);
  if (parameter.in === 'header') {
    return fc
      .oneof(
        value.map(asQueryValues),
        naughty.map((text) => [text]),
      )
      .map((values) => values.filter(isHeaderSafe).slice(0, 1));
  }
  return value.map(asQueryValues);
}

/** A lone surrogate has no UTF-8 form to percent-encode (encodeURIComponent throws): send U+FFFD, as a browser would. */
const encodePathSegment = (value: string) =>
  encodeURIComponent(value.replace(/\p{Surrogate}/gu, '\uFFFD'));

/** Every request the fuzzer may send to `route`, driven only by its OpenAPI description. */
export function requestArb(
  document: OpenApiDocument,
  route: Route,
  pools: Pools,
): fc.Arbitrary<FuzzRequest> {
  const where = `${route.method} ${route.path}`;
  const parameters = route.operation.parameters ?? [];
  for (const parameter of parameters) {
    if (parameter.in === 'cookie')
      throw new NoGeneratorError(`${where}: cookie parameter ${parameter.name} has no generator`);
  }
  const parameterArbs = parameters.map((parameter) =>
    parameter.in === 'path' || parameter.required
      ? parameterArb(document, parameter, pools, `${where} ${parameter.name}`)
      : fc.option(parameterArb(document, parameter, pools, `${where} ${parameter.name}`), {
          nil: [] as string[],
          freq: 2,
        }),
  );
  const content = route.operation.requestBody?.content ?? {};
  const bodyArbs: fc.Arbitrary<FuzzBody | undefined>[] = [];
  for (const [mediaType, { schema }] of Object.entries(content)) {
    const encoding = ENCODINGS[mediaType];
    if (!encoding || (!schema && encoding !== 'bytes'))
      throw new NoGeneratorError(`${where}: request body ${mediaType} has no generator`);
    const value =
      encoding === 'text'
        ? fc.oneof(fc.string({ maxLength: 200 }), naughty)
        : encoding === 'bytes'
          ? fc.oneof(
              fc.uint8Array({ maxLength: 256 }).map((bytes) => Buffer.from(bytes)),
              naughty,
            )
          : mixedArb(document, schema!, pools, `${where} body`);
    bodyArbs.push(
      value.map((generated) => {
        const encoded = encodeBody(encoding, generated);
        // Keep the declared media type (application/zip stays application/zip).
        return encoded && encoding === 'bytes' ? { ...encoded, contentType: mediaType } : encoded;
      }),
    );
  }
  const raw = fc.constantFrom(...RAW_BODIES);
  const body: fc.Arbitrary<FuzzBody | undefined> =
    bodyArbs.length > 0
      ? fc.oneof({ arbitrary: fc.oneof(...bodyArbs), weight: 5 }, { arbitrary: raw, weight: 1 })
      : ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method)
        ? fc.option(raw, { nil: undefined, freq: 3 })
        : fc.constant(undefined);
  const unknownQuery = fc.option(fc.tuple(naughty, naughty), { nil: undefined, freq: 5 });

  return fc
    .record({
      key: fc.constantFrom('user' as const, 'admin' as const),
      values: fc.tuple(...parameterArbs),
      body,
      unknownQuery,
    })
    .map(({ key, values, body: generatedBody, unknownQuery: extra }) => {
      let path = route.path;
      const query = new URLSearchParams();
      const headers: Record<string, string> = {};
      parameters.forEach((parameter, index) => {
        const generated = values[index] ?? [];
        if (parameter.in === 'path')
          path = path.replace(`:${parameter.name}`, encodePathSegment(generated[0] ?? ''));
        else if (parameter.in === 'query')
          for (const item of generated) query.append(parameter.name, item);
        else if (parameter.in === 'header' && generated[0] !== undefined)
          headers[parameter.name] = generated[0];
      });
      if (extra) query.append(extra[0], extra[1]);
      const search = query.toString();
      return {
        key,
        method: route.method,
        url: search ? `${path}?${search}` : path,
        headers,
        body: generatedBody,
      };
    });
}
