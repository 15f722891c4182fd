import { mkdirSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';

const BUILTINS = builtinModules
  .filter((name) => !name.startsWith('_'))
  .map((name) => name.replace(/\//g, '\\/'));
const SHARED = new RegExp(
  `^(@nestjs/common|@nestjs/core|reflect-metadata|rxjs|(node:)?(${BUILTINS.join('|')}))(/.*)?$`,
);

/**
 * CommonJS `require('@nestjs/common')` calls are routed through a tiny ESM shim module, so
 * the bundle imports the very same @nestjs/common instance the tests load (a second copy
 * would keep its own metadata and break dependency injection).
 */
const requireToImport = {
  name: 'require-to-import',
  setup(build) {
    build.onResolve({ filter: SHARED }, (args) =>
      args.kind === 'require-call'
        ? { path: args.path, namespace: 'esm-shim' }
        : { path: args.path, external: true },
    );
    build.onLoad({ filter: /.*/, namespace: 'esm-shim' }, (args) => ({
      contents: `export * from '${args.path}';`,
      loader: 'js',
      resolveDir: process.cwd(),
    }));
  },
};

/** See jest.config.js: an ESM bundle of @nestjs/throttler that shares Nest with the tests. */
export async function bundleThrottler(root) {
  const outdir = path.join(root, '.test-tmp');
  mkdirSync(outdir, { recursive: true });
  // The CommonJS entry only has a default export once bundled: re-export its names.
  const names = Object.keys(createRequire(path.join(root, 'package.json'))('@nestjs/throttler'));
  const entry = path.join(root, 'node_modules/@nestjs/throttler/dist/index.js');
  await build({
    stdin: {
      contents: `import * as throttler from ${JSON.stringify(entry)};\nexport const { ${names.join(', ')} } = throttler;`,
      resolveDir: root,
      loader: 'js',
    },
    outfile: path.join(outdir, 'throttler.mjs'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    plugins: [requireToImport],
    logLevel: 'error',
  });
}
