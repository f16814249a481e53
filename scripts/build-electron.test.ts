import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./build-electron.mjs', import.meta.url));

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'closeout-build-electron-'));
  mkdirSync(path.join(root, 'electron'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(relative: string, content: string): void {
  writeFileSync(path.join(root, relative), content);
}

function buildIn(dir: string) {
  return spawnSync(process.execPath, [script, '--root', dir], { encoding: 'utf8', timeout: 60_000 });
}

describe('build-electron', () => {
  it('bundles main and preload into CommonJS with source maps, keeping electron and the native addons external', () => {
    write('electron/greeting.ts', "export const greeting = (name: string): string => `bundled hello to ${name}`;\n");
    write(
      'electron/main.ts',
      "import { app } from 'electron';\nimport keytar from 'keytar';\nimport Database from 'better-sqlite3';\nimport { greeting } from './greeting';\nconsole.log(greeting('main'), app, keytar, Database);\n",
    );
    write('electron/preload.ts', "import { greeting } from './greeting';\nconsole.log(greeting('preload'));\n");

    const result = buildIn(root);
    expect(result.status, result.stderr).toBe(0);

    const out = path.join(root, 'dist', 'electron');
    const main = readFileSync(path.join(out, 'main.cjs'), 'utf8');
    expect(main).toContain('require("electron")');
    expect(main).toContain('require("keytar")');
    expect(main).toContain('require("better-sqlite3")');
    expect(main).toContain('bundled hello to');
    expect(existsSync(path.join(out, 'main.cjs.map'))).toBe(true);
    expect(existsSync(path.join(out, 'preload.cjs.map'))).toBe(true);

    const preload = spawnSync(process.execPath, [path.join(out, 'preload.cjs')], { encoding: 'utf8' });
    expect(preload.stdout.trim()).toBe('bundled hello to preload');
  });

  it('bundles the demo wiring apart, loaded by main only at run time, and writes what went into each file', () => {
    write('electron/sim.ts', "export const simulated = 'simulated broker inside';\n");
    write('electron/demoWiring.ts', "import { simulated } from './sim';\nexport const startDemoWiring = () => simulated;\n");
    write('electron/main.ts', "export const loadDemo = async () => (await import('./demoWiring')).startDemoWiring();\n");
    write('electron/preload.ts', 'export {};\n');

    const result = buildIn(root);
    expect(result.status, result.stderr).toBe(0);
    const out = path.join(root, 'dist', 'electron');
    const main = readFileSync(path.join(out, 'main.cjs'), 'utf8');
    expect(main).not.toContain('simulated broker inside');
    expect(main).toContain('import("./demoWiring.cjs")');
    expect(readFileSync(path.join(out, 'demoWiring.cjs'), 'utf8')).toContain('simulated broker inside');
    const meta = JSON.parse(readFileSync(path.join(root, 'dist', 'electron-meta.json'), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
    const inputsOf = (name: string) => Object.entries(meta.outputs).find(([output]) => output.endsWith(name))?.[1].inputs ?? {};
    expect(Object.keys(inputsOf('electron/main.cjs')).some((input) => input.endsWith('electron/sim.ts'))).toBe(false);
    expect(Object.keys(inputsOf('electron/demoWiring.cjs')).some((input) => input.endsWith('electron/sim.ts'))).toBe(true);
  });

  it('fails and names the entry file when one is missing', () => {
    write('electron/main.ts', 'export {};\n');
    const result = buildIn(root);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(path.join(root, 'electron', 'preload.ts'));
    expect(existsSync(path.join(root, 'dist'))).toBe(false);
  });

  it('fails when the code does not compile', () => {
    write('electron/main.ts', "import { nothing } from './nowhere';\nconsole.log(nothing);\n");
    write('electron/preload.ts', 'export {};\n');
    const result = buildIn(root);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Could not resolve "./nowhere"');
  });
});
