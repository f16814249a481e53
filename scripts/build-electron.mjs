#!/usr/bin/env node
// Bundles the main process and the preload into CommonJS files Electron loads directly:
// electron/main.ts -> dist/electron/main.cjs, electron/preload.ts -> dist/electron/preload.cjs.
// Usage: node scripts/build-electron.mjs [--root DIR]   (DIR defaults to this repository; tests point it elsewhere)
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ENTRIES = ['main', 'preload'];

function rootFromArgs(args) {
  const index = args.indexOf('--root');
  if (index === -1) return fileURLToPath(new URL('..', import.meta.url));
  const value = args[index + 1];
  if (value === undefined) {
    console.error('build-electron: --root needs a folder.');
    process.exit(2);
  }
  return path.resolve(value);
}

async function main() {
  const root = rootFromArgs(process.argv.slice(2));
  const entryPoints = ENTRIES.map((name) => path.join(root, 'electron', `${name}.ts`));
  const missing = entryPoints.filter((entry) => !existsSync(entry));
  if (missing.length > 0) {
    console.error(`build-electron: missing entry file(s): ${missing.join(', ')}`);
    process.exit(1);
  }
  await build({
    entryPoints,
    outdir: path.join(root, 'dist', 'electron'),
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
}

try {
  await main();
} catch {
  // esbuild has already printed its errors with file and line.
  process.exit(1);
}
