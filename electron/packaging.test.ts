import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// What electron-builder.yml promises about the packaged app, read from the file electron-builder itself reads.

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface BuilderConfig {
  asar?: unknown;
  asarUnpack?: unknown;
  files?: unknown;
  publish?: unknown;
  electronFuses?: Record<string, unknown>;
}

let config: BuilderConfig;

beforeAll(async () => {
  config = parse(await readFile(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
});

/** The subset of glob syntax electron-builder's patterns use here: `**`, `*` and `?`. */
function globToRegExp(glob: string): RegExp {
  const source = glob
    .split(/(\*\*\/?|\*|\?)/)
    .map((part) => {
      if (part === '**/') return '(?:.*/)?';
      if (part === '**') return '.*';
      if (part === '*') return '[^/]*';
      if (part === '?') return '[^/]';
      return part.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`);
}

function patternsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

async function nativeBinaries(module: string): Promise<string[]> {
  const dir = path.join(ROOT, 'node_modules', module);
  const entries = await readdir(dir, { recursive: true });
  return entries.filter((entry) => entry.endsWith('.node')).map((entry) => path.posix.join(`node_modules/${module}`, entry.split(path.sep).join('/')));
}

/** The files a module needs at run time: itself and what its package.json lists as dependencies, found in node_modules. */
async function runtimeFiles(module: string): Promise<string[]> {
  const manifest = JSON.parse(await readFile(path.join(ROOT, 'node_modules', module, 'package.json'), 'utf8')) as { main?: string; dependencies?: Record<string, string> };
  return [`node_modules/${module}/package.json`, ...Object.keys(manifest.dependencies ?? {}).map((name) => `node_modules/${name}/package.json`)];
}

describe('the packaged app, as electron-builder.yml configures it', () => {
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

  it.each(['keytar', 'better-sqlite3'])('packs the app into an asar archive but unpacks every native binary of %s, which cannot load from inside one', async (module) => {
    expect(config.asar).toBe(true);
    const binaries = await nativeBinaries(module);
    expect(binaries.length).toBeGreaterThan(0);
    const unpack = patternsOf(config.asarUnpack).map(globToRegExp);
    const packed = patternsOf(config.files).map(globToRegExp);
    expect(binaries.filter((binary) => !unpack.some((pattern) => pattern.test(binary)))).toEqual([]);
    expect(binaries.filter((binary) => !packed.some((pattern) => pattern.test(binary)))).toEqual([]);
  });

  it('packs what better-sqlite3 loads at run time, bindings included, and rebuilds it for Electron', async () => {
    const packed = patternsOf(config.files).map(globToRegExp);
    const needed = (await runtimeFiles('better-sqlite3')).filter((file) => !file.includes('prebuild-install'));
    expect(needed).toContain('node_modules/bindings/package.json');
    expect(needed.filter((file) => !packed.some((pattern) => pattern.test(file)))).toEqual([]);
    expect((config as { npmRebuild?: unknown }).npmRebuild).not.toBe(false);
  });

  it('reads the patterns the way electron-builder does for the ones used here', () => {
    expect(globToRegExp('node_modules/keytar/**').test('node_modules/keytar/prebuilds/linux-x64/keytar.node')).toBe(true);
    expect(globToRegExp('node_modules/keytar/*.node').test('node_modules/keytar/prebuilds/linux-x64/keytar.node')).toBe(false);
    expect(globToRegExp('**/*.node').test('node_modules/keytar/build/Release/keytar.node')).toBe(true);
    expect(globToRegExp('node_modules/keytar/lib/**').test('node_modules/keytar/prebuilds/linux-x64/keytar.node')).toBe(false);
  });
});
