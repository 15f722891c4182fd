/**
 * Writes public/dashboard/types/api.d.ts from the server's OpenAPI document, so the
 * dashboard's JSDoc types are the wire contract rather than guesses. With --check it writes
 * nothing and exits 1 when the checked-in file differs (CI: the file is stale).
 * Reads the built app (dist/): the document needs the decorator metadata tsc emits. Plain
 * JavaScript run by node, not tsx: under tsx's loader Nest's packages load twice and the
 * injector no longer recognises its own Reflector.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import prettier from 'prettier';

const OUTPUT = path.resolve('public', 'dashboard', 'types', 'api.d.ts');
const HEADER =
  "/* Generated from the server's OpenAPI document by `npm run openapi:types`; do not edit. */\n";

async function generate() {
  const built = pathToFileURL(path.resolve('dist', 'src', 'openapi', 'openapi-document.js')).href;
  const { previewOpenApiDocument } = await import(built);
  const document = await previewOpenApiDocument();
  const source = HEADER + astToString(await openapiTS(document));
  const options = (await prettier.resolveConfig(OUTPUT)) ?? {};
  return prettier.format(source, { ...options, filepath: OUTPUT });
}

const check = process.argv.includes('--check');
const fresh = await generate();
const relative = path.relative(process.cwd(), OUTPUT);
if (check) {
  const current = await readFile(OUTPUT, 'utf8').catch(() => '');
  if (current !== fresh) {
    console.error(`${relative} is stale: run npm run openapi:types and commit the result`);
    process.exit(1);
  }
  console.log(`${relative} matches the OpenAPI document`);
} else {
  await writeFile(OUTPUT, fresh);
  console.log(`wrote ${relative}`);
}
// Nest's preview app may leave handles (timers of imported modules) behind.
process.exit(0);
