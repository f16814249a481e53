import type * as FsPromises from 'node:fs/promises';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { ConnectionProfile } from './profile';
import { createJsonProfileStore, createMemoryProfileStore, type ProfileStore } from './profileStore';

const renameControl = vi.hoisted(() => ({ fail: false }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  return {
    ...actual,
    rename: (from: string, to: string) =>
      renameControl.fail ? Promise.reject(new Error('simulated crash before the rename')) : actual.rename(from, to),
  };
});

function profile(name: string, overrides: Partial<ConnectionProfile> = {}): ConnectionProfile {
  return { name, broker: 'alpaca', baseUrl: 'https://broker-api.sandbox.alpaca.markets', keyId: 'CK123', createdAt: '2026-01-02T03:04:05.000Z', ...overrides };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'closeout-profiles-'));
  renameControl.fail = false;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const stores: Array<[string, () => ProfileStore]> = [
  ['JSON file store', () => createJsonProfileStore(path.join(dir, 'connections.json'))],
  ['memory store', () => createMemoryProfileStore()],
];

describe.each(stores)('%s', (_label, makeStore) => {
  it('lists what was added, in the order it was added', async () => {
    const store = makeStore();
    await store.add(profile('Desk A'));
    const { keyId: _alpacaKeyId, ...withoutKeyId } = profile('Desk B', { broker: 'scaletrade', baseUrl: 'http://127.0.0.1:4010', login: 1001 });
    await store.add(withoutKeyId);
    expect((await store.list()).map((p) => p.name)).toEqual(['Desk A', 'Desk B']);
    expect(await store.get('Desk B')).toEqual({
      name: 'Desk B',
      broker: 'scaletrade',
      baseUrl: 'http://127.0.0.1:4010',
      login: 1001,
      createdAt: '2026-01-02T03:04:05.000Z',
    });
  });

  it('finds a profile whatever the case of the name', async () => {
    const store = makeStore();
    await store.add(profile('Desk A'));
    expect((await store.get('desk a'))?.name).toBe('Desk A');
  });

  it('refuses a second profile with the same name in another case', async () => {
    const store = makeStore();
    await store.add(profile('Desk A'));
    const failure = await store.add(profile('DESK A', { broker: 'exness' })).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'connection_exists', field: 'name' });
    expect((await store.list()).map((p) => p.broker)).toEqual(['alpaca']);
  });

  it('removes a profile and says whether there was one', async () => {
    const store = makeStore();
    await store.add(profile('Desk A'));
    await store.add(profile('Desk B'));
    expect(await store.remove('DESK a')).toBe(true);
    expect(await store.remove('Desk A')).toBe(false);
    expect((await store.list()).map((p) => p.name)).toEqual(['Desk B']);
  });

  it('refuses a profile the file format would not accept, and keeps nothing of it', async () => {
    const store = makeStore();
    await expect(store.add(profile('Desk A', { baseUrl: 'ftp://example.com' }))).rejects.toMatchObject({ code: 'validation', field: 'baseUrl' });
    await expect(store.add(profile('/etc/passwd'))).rejects.toMatchObject({ code: 'validation', field: 'name' });
    expect(await store.list()).toEqual([]);
  });

  it('refuses a profile that carries a secret', async () => {
    const store = makeStore();
    const withSecret = { ...profile('Desk A'), secret: 'hunter2' } as ConnectionProfile;
    await expect(store.add(withSecret)).rejects.toMatchObject({ code: 'validation' });
    expect(await store.list()).toEqual([]);
  });

  it('hands out copies, so a caller cannot change what is stored', async () => {
    const store = makeStore();
    await store.add(profile('Desk A'));
    const listed = await store.list();
    listed[0]!.baseUrl = 'https://changed.example';
    expect((await store.get('Desk A'))?.baseUrl).toBe('https://broker-api.sandbox.alpaca.markets');
  });

  it('keeps every profile when many are added at once', async () => {
    const store = makeStore();
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.add(profile(`Desk ${i}`))));
    expect(await store.list()).toHaveLength(20);
  });
});

describe('JSON file store on disk', () => {
  const fileIn = (...parts: string[]) => path.join(dir, ...parts);

  it('creates missing folders and writes a versioned file only its owner can read', async () => {
    const file = fileIn('nested', 'deeper', 'connections.json');
    await createJsonProfileStore(file).add(profile('Desk A'));
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, connections: [profile('Desk A')] });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('gives what one store saved to another store opened on the same file', async () => {
    const file = fileIn('connections.json');
    await createJsonProfileStore(file).add(profile('Desk A'));
    expect(await createJsonProfileStore(file).list()).toEqual([profile('Desk A')]);
  });

  it('reads a missing file as no profiles without creating it', async () => {
    const file = fileIn('connections.json');
    expect(await createJsonProfileStore(file).list()).toEqual([]);
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it.each([
    ['text that is not JSON', '{"version": 1, "connections": [ oops'],
    ['an empty file', ''],
    ['a future version', JSON.stringify({ version: 2, connections: [] })],
    ['a profile with a secret in it', JSON.stringify({ version: 1, connections: [{ ...profile('Desk A'), secret: 'hunter2' }] })],
    ['the same name twice', JSON.stringify({ version: 1, connections: [profile('Desk A'), profile('desk a')] })],
  ])('reports %s as a damaged file, naming it, and never overwrites it', async (_label, content) => {
    const file = fileIn('connections.json');
    await writeFile(file, content);
    const store = createJsonProfileStore(file);
    const failure = await store.list().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'internal', message: expect.stringContaining(file) });
    expect((failure as Error).message).not.toContain('hunter2');
    await expect(store.add(profile('Desk B'))).rejects.toMatchObject({ code: 'internal' });
    await expect(store.remove('Desk A')).rejects.toMatchObject({ code: 'internal' });
    expect(await readFile(file, 'utf8')).toBe(content);
  });

  it('leaves the previous file whole and no temp file behind when a write fails before the rename', async () => {
    const file = fileIn('connections.json');
    const store = createJsonProfileStore(file);
    await store.add(profile('Desk A'));
    const before = await readFile(file, 'utf8');
    renameControl.fail = true;
    await expect(store.add(profile('Desk B'))).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining('simulated crash before the rename'),
    });
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(await readdir(dir)).toEqual(['connections.json']);
    renameControl.fail = false;
    await store.add(profile('Desk B'));
    expect((await store.list()).map((p) => p.name)).toEqual(['Desk A', 'Desk B']);
  });

  it('leaves only the connections file in its folder after many writes', async () => {
    const store = createJsonProfileStore(fileIn('connections.json'));
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.add(profile(`Desk ${i}`))));
    await store.remove('Desk 3');
    expect(await readdir(dir)).toEqual(['connections.json']);
  });
});
