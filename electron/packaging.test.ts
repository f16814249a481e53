import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, type Stats } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getFileMatchers } from 'app-builder-lib/out/fileMatcher.js';
import type { Configuration } from 'app-builder-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// What the packaged app contains: the real production bundles (built here with the real build script, read through
// esbuild's metafile) and the files electron-builder's own matcher selects from electron-builder.yml.

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUILD_MS = 120_000;

interface Metafile {
  outputs: Record<string, { bytes: number; inputs: Record<string, unknown> }>;
}

let config: Configuration;
let out: string;
let meta: Metafile;

beforeAll(() => {
  config = parse(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as Configuration;
  out = mkdtempSync(path.join(os.tmpdir(), 'closeout-packaging-'));
  const built = spawnSync(process.execPath, ['scripts/build-electron.mjs', '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: BUILD_MS });
  if (built.status !== 0) throw new Error(`build-electron failed: ${built.stderr}`);
  meta = JSON.parse(readFileSync(path.join(out, 'electron-meta.json'), 'utf8')) as Metafile;
}, BUILD_MS);

afterAll(() => rmSync(out, { recursive: true, force: true }));

function bundle(name: string): { bytes: number; inputs: string[] } {
  const key = Object.keys(meta.outputs).find((output) => output.endsWith(`/electron/${name}`));
  if (key === undefined) throw new Error(`no ${name} in the build`);
  const output = meta.outputs[key];
  if (output === undefined) throw new Error(`no ${name} in the build`);
  return { bytes: output.bytes, inputs: Object.keys(output.inputs) };
}

const fileStat = { isDirectory: () => false } as Stats;

/** electron-builder's own filter for `files` or `asarUnpack`, as it builds one from the configuration. */
function builderFilter(name: 'files' | 'asarUnpack'): (relative: string) => boolean {
  const matchers = getFileMatchers(config, name, ROOT, {
    macroExpander: (pattern) => pattern,
    customBuildOptions: config.linux ?? {},
    globalOutDir: path.join(ROOT, 'release'),
    defaultSrc: ROOT,
  });
  const filter = matchers?.[0]?.createFilter();
  if (filter === undefined) throw new Error(`electron-builder.yml has no ${name} patterns`);
  return (relative) => filter(path.join(ROOT, relative), fileStat) === true;
}

function nativeBinaries(module: string): string[] {
  const dir = path.join(ROOT, 'node_modules', module);
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((entry) => entry.endsWith('.node'))
    .map((entry) => path.posix.join(`node_modules/${module}`, entry.split(path.sep).join('/')));
}

function runtimeFiles(module: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', module, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  return [`node_modules/${module}/package.json`, ...Object.keys(manifest.dependencies ?? {}).map((name) => `node_modules/${name}/package.json`)];
}

describe('the production bundles', () => {
  it('carry no simulator module in the main process bundle', () => {
    const main = bundle('main.cjs');
    expect(main.inputs.some((input) => input.startsWith('electron/'))).toBe(true);
    expect(main.inputs.filter((input) => input.startsWith('sim/'))).toEqual([]);
  });

  it('keep the preload under 10 KB, with no zod and no decimal.js in it (the main process validates every call)', () => {
    const preload = bundle('preload.cjs');
    expect(preload.bytes).toBeLessThan(10 * 1024);
    expect(preload.inputs.filter((input) => /node_modules\/(zod|decimal\.js)\//.test(input))).toEqual([]);
    expect(preload.inputs).toContain('shared/channels.ts');
    expect(preload.inputs).not.toContain('shared/contract.ts');
  });

  it('put the simulators in the demo wiring, which main loads only at run time', () => {
    expect(bundle('demoWiring.cjs').inputs.filter((input) => input.startsWith('sim/')).length).toBeGreaterThan(10);
    expect(readFileSync(path.join(out, 'electron', 'main.cjs'), 'utf8')).toContain('import("./demoWiring.cjs")');
  });
});

describe('the packaged app, as electron-builder.yml configures it', () => {
  it('packs the main process, the preload and the renderer, but not the demo wiring or the build metadata', () => {
    const packed = builderFilter('files');
    for (const file of ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html', 'package.json']) expect(packed(file), file).toBe(true);
    for (const file of ['dist/electron/demoWiring.cjs', 'dist/electron/demoWiring.cjs.map', 'dist/electron-meta.json', 'sim/demo.ts', 'electron/main.ts']) {
      expect(packed(file), file).toBe(false);
    }
  });

  it('sets the Electron fuses that keep Node switches and outside code out of the app', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('publishes nowhere', () => {
    expect(Object.hasOwn(config, 'publish')).toBe(true);
    expect([null, 'never']).toContain(config.publish);
  });

  it.each(['keytar', 'better-sqlite3'])('packs the app into an asar archive but unpacks every native binary of %s, which cannot load from inside one', (module) => {
    expect(config.asar).toBe(true);
    const binaries = nativeBinaries(module);
    expect(binaries.length).toBeGreaterThan(0);
    const packed = builderFilter('files');
    const unpacked = builderFilter('asarUnpack');
    expect(binaries.filter((binary) => !packed(binary))).toEqual([]);
    expect(binaries.filter((binary) => !unpacked(binary))).toEqual([]);
  });

  it('packs what better-sqlite3 loads at run time, bindings included, and rebuilds it for Electron', () => {
    const packed = builderFilter('files');
    const needed = runtimeFiles('better-sqlite3').filter((file) => !file.includes('prebuild-install'));
    expect(needed).toContain('node_modules/bindings/package.json');
    expect(needed.filter((file) => !packed(file))).toEqual([]);
    expect(config.npmRebuild).not.toBe(false);
  });
});
