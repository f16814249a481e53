import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { formatKilobytes, type MeasureRow, type RowHead } from './report';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const GOAL_GZIP_BYTES = 250_000;

/**
 * The production renderer build (vite.config.ts as `npm run build:renderer` uses it) into `outDir`, so the bench
 * measures the tree as it is without overwriting dist/ under another test run.
 */
export function buildRenderer(outDir: string): Promise<string> {
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
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
  return { id: 'renderer-js-gzip', measure: 'renderer JavaScript, gzip', goal: `<= ${formatKilobytes(GOAL_GZIP_BYTES)}` };
}

/** Every .js file of the build's assets, gzipped at the default level as a server or installer would. */
export async function measureRendererBundle(rendererDir: string): Promise<MeasureRow> {
  const assets = path.join(rendererDir, 'assets');
  const scripts = (await readdir(assets)).filter((name) => name.endsWith('.js'));
  if (scripts.length === 0) throw new Error(`the renderer build has no JavaScript in ${assets}`);
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const name of scripts) {
    const bytes = await readFile(path.join(assets, name));
    rawBytes += bytes.length;
    gzipBytes += gzipSync(bytes).length;
  }
  return {
    ...rendererBundleHead(),
    floor: '-',
    closeout: `${formatKilobytes(gzipBytes)} (${formatKilobytes(rawBytes)} raw, ${scripts.length} file${scripts.length === 1 ? '' : 's'})`,
    ratio: null,
    holds: gzipBytes <= GOAL_GZIP_BYTES,
    values: { gzipBytes, rawBytes, files: scripts.length },
  };
}
