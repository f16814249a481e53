// Bundles the `closeout` command (electron/cli.ts) into one ES module that starts without tsx. bin/closeout.mjs
// transpiles each of some 200 TypeScript modules through tsx's loader on every start, about a second of CPU; the fault
// suite starts the command over a hundred times, so it runs this bundle instead (the same sources, one file).
// Usage: node scripts/bundle-cli.mjs OUTFILE; vitest runs it as its global setup (setup, teardown below).
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Each module keeps its own import.meta.url (the command finds package.json and the renderer relative to its
 * source file), so the bundle behaves as the sources do wherever it is written.
 */
const sourceUrls = {
  name: 'source-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      return { contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
    });
  },
};

/** Writes the bundle to outfile, which must lie inside the repository so keytar and better-sqlite3 resolve. */
export async function bundleCli(outfile) {
  await build({
    stdin: { contents: "import { main } from './electron/cli.ts';\nawait main();\n", resolveDir: ROOT, sourcefile: 'closeout-bundle-entry.ts', loader: 'ts' },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Native addons stay real files loaded from node_modules; electron is never loaded by the command.
    external: ['electron', 'keytar', 'better-sqlite3'],
    banner: { js: "import { createRequire as __closeoutRequire } from 'node:module'; const require = __closeoutRequire(import.meta.url);" },
    plugins: [sourceUrls],
    logLevel: 'error',
  });
}

const TEST_BUNDLE = path.join(ROOT, 'node_modules', '.cache', 'closeout-tests', `closeout-${process.pid}.mjs`);

/** Vitest's global setup: one bundle per run, its path provided to the tests as closeoutBundle. */
export async function setup({ provide }) {
  await mkdir(path.dirname(TEST_BUNDLE), { recursive: true });
  await bundleCli(TEST_BUNDLE);
  provide('closeoutBundle', TEST_BUNDLE);
}

export async function teardown() {
  await rm(TEST_BUNDLE, { force: true });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outfile = process.argv[2];
  if (outfile === undefined) {
    console.error('bundle-cli: give the file to write: node scripts/bundle-cli.mjs OUTFILE');
    process.exit(2);
  }
  await bundleCli(path.resolve(outfile));
}
