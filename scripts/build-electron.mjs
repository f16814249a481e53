#!/usr/bin/env node
// Bundles the main process and the preload into CommonJS files Electron loads directly:
// electron/main.ts -> dist/electron/main.cjs, electron/preload.ts -> dist/electron/preload.cjs. The demo wiring, when
// there is one, is bundled apart into dist/electron/demoWiring.cjs (main.cjs loads it only in demo mode, and the
// packaged app leaves it out), and what went into each file is written to dist/electron-meta.json.
// Usage: node scripts/build-electron.mjs [--root DIR] [--out DIR]
//   --root: the project (this repository unless given; tests point it elsewhere); --out: instead of ROOT/dist
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ENTRIES = ['main', 'preload'];
const DEMO_WIRING = 'demoWiring';

/** Keeps `import('./demoWiring')` a run-time load of the separate bundle instead of inlining the simulators. */
const demoWiringApart = {
  name: 'demo-wiring-apart',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^\\./${DEMO_WIRING}$`) }, () => ({ path: `./${DEMO_WIRING}.cjs`, external: true }));
  },
};

function folderArg(args, flag) {
  const index = args.indexOf(flag);
  if (index === -1) return undefined;
  const value = args[index + 1];
  if (value === undefined) {
    console.error(`build-electron: ${flag} needs a folder.`);
    process.exit(2);
  }
  return path.resolve(value);
}

async function main() {
  const args = process.argv.slice(2);
  const root = folderArg(args, '--root') ?? fileURLToPath(new URL('..', import.meta.url));
  const out = folderArg(args, '--out') ?? path.join(root, 'dist');
  const entryPoints = ENTRIES.map((name) => path.join(root, 'electron', `${name}.ts`));
  const missing = entryPoints.filter((entry) => !existsSync(entry));
  if (missing.length > 0) {
    console.error(`build-electron: missing entry file(s): ${missing.join(', ')}`);
    process.exit(1);
  }
  const demoWiring = path.join(root, 'electron', `${DEMO_WIRING}.ts`);
  if (existsSync(demoWiring)) entryPoints.push(demoWiring);
  const result = await build({
    entryPoints,
    plugins: [demoWiringApart],
    metafile: true,
    outdir: path.join(out, 'electron'),
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    // electron is provided by the runtime; keytar and better-sqlite3 are native addons that must stay real files
    // (asar-unpacked), loaded from node_modules at run time.
    external: ['electron', 'keytar', 'better-sqlite3'],
    sourcemap: true,
    logLevel: 'info',
  });
  // Beside dist/electron, not in it: electron-builder packs dist/electron/** and the app has no use for it.
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'electron-meta.json'), JSON.stringify(result.metafile));
}

try {
  await main();
} catch {
  // esbuild has already printed its errors with file and line.
  process.exit(1);
}
