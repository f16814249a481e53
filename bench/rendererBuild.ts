import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { formatKilobytes, type MeasureRow, type RowHead } from './report';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** What the window must load and run before it asks the main process for anything. */
const GOAL_GZIP_BYTES = 90_000;

/**
 * The production renderer build (vite.config.ts as `npm run build:renderer` uses it) into `outDir`, so the bench
 * measures the tree as it is without overwriting dist/ under another test run.
 */
export function buildRenderer(outDir: string): Promise<string> {
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  return new Promise((resolve, reject) => {
    // The manifest (in outDir/.vite/) tells which chunks the entry imports statically and which it loads later.
    const child = spawn(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--manifest', '--logLevel', 'error'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(outDir);
      else reject(new Error(`the renderer build failed: ${errors.trim().split('\n').slice(0, 3).join(' ') || `exit code ${code}`}`));
    });
  });
}

export function rendererBundleHead(): RowHead {
  return { id: 'renderer-js-gzip', measure: 'renderer JavaScript, gzip: the initial chunk (entry and its static imports)', goal: `<= ${formatKilobytes(GOAL_GZIP_BYTES)}` };
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

type Manifest = Record<string, ManifestChunk>;

/** The files of `keys` and of everything they import statically, transitively. */
function staticClosure(manifest: Manifest, keys: readonly string[]): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the build manifest has no chunk ${key}`);
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return files;
}

/**
 * The gzipped JavaScript (default level, as a server or installer would) of the initial chunk: the entry index.html
 * loads and its static imports, all that runs before the first bridge call. Beside it: what the entry loads at once
 * as well (React and the app, fetched while the first calls are under way), and every chunk of the build.
 */
export async function measureRendererBundle(rendererDir: string): Promise<MeasureRow> {
  const assets = path.join(rendererDir, 'assets');
  const scripts = (await readdir(assets)).filter((name) => name.endsWith('.js'));
  if (scripts.length === 0) throw new Error(`the renderer build has no JavaScript in ${assets}`);
  const manifest = JSON.parse(await readFile(path.join(rendererDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  const entries = Object.keys(manifest).filter((key) => manifest[key]?.isEntry);
  if (entries.length !== 1) throw new Error(`the renderer build has ${entries.length} entry chunks, not one`);
  const initial = staticClosure(manifest, entries);
  const atStart = staticClosure(manifest, [...entries, ...entries.flatMap((key) => manifest[key]?.dynamicImports ?? [])]);

  const sizes = new Map<string, { raw: number; gzip: number }>();
  for (const name of scripts) {
    const bytes = await readFile(path.join(assets, name));
    sizes.set(`assets/${name}`, { raw: bytes.length, gzip: gzipSync(bytes).length });
  }
  const sum = (files: Iterable<string>) => {
    let raw = 0;
    let gzip = 0;
    for (const file of files) {
      const size = sizes.get(file);
      if (!size) throw new Error(`the build manifest names ${file}, which the build does not have`);
      raw += size.raw;
      gzip += size.gzip;
    }
    return { raw, gzip };
  };
  const first = sum(initial);
  const start = sum(atStart);
  const all = sum(sizes.keys());
  const files = (count: number) => `${count} file${count === 1 ? '' : 's'}`;
  return {
    ...rendererBundleHead(),
    floor: '-',
    closeout:
      `${formatKilobytes(first.gzip)} (${formatKilobytes(first.raw)} raw, ${files(initial.size)}); ` +
      `with what it loads at once ${formatKilobytes(start.gzip)} (${files(atStart.size)}); ` +
      `all JavaScript ${formatKilobytes(all.gzip)} (${formatKilobytes(all.raw)} raw, ${files(sizes.size)})`,
    ratio: null,
    holds: first.gzip <= GOAL_GZIP_BYTES,
    values: {
      gzipBytes: first.gzip,
      rawBytes: first.raw,
      files: initial.size,
      atStartGzipBytes: start.gzip,
      atStartFiles: atStart.size,
      totalGzipBytes: all.gzip,
      totalRawBytes: all.raw,
      totalFiles: sizes.size,
    },
  };
}
